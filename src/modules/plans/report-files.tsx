import { existsSync } from 'node:fs';
import { raw } from 'hono/html';
import type { ReportContent } from './reports.service.ts';
import { ReportView } from './reports.views.tsx';

/**
 * The annual report as files: a standalone HTML page (no server needed to read it) and, where Chromium
 * is installed, a PDF printed from that page.
 */
const STYLE = `body{font-family:Roboto,Arimo,"Liberation Sans","DejaVu Sans",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#333}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #b3b3b3;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#ebebeb}.cairn-numeric{text-align:right}.ds_tag{border:1px solid currentColor;padding:0 .25rem;font-weight:normal}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}svg{max-width:100%;height:auto}`;

export function reportHtml(r: ReportContent, csvHref: string): string {
  const title = `${r.partnership.name}: annual progress report ${r.yearLabel}`;
  const body = (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <style>{raw(STYLE)}</style>
      </head>
      <body>
        <main>
          <h1>{title}</h1>
          <ReportView r={r} csvHref={csvHref} />
        </main>
      </body>
    </html>
  );
  return `<!DOCTYPE html>${body.toString()}`;
}

/** Print the standalone page to PDF with the local Chromium (CHROMIUM_PATH, or /usr/bin/chromium). */
export async function reportPdf(r: ReportContent, csvHref: string): Promise<Buffer> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error(`PDF needs Chromium: none at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(reportHtml(r, csvHref), { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' },
    });
  } finally {
    await browser.close();
  }
}
