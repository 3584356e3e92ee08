import { TextField } from '../../core/ui/components.tsx';

/** The form that drafts a board paper (.docx): a GET to the paper's address, so it works without JavaScript. */
export function BoardPaperFields({
  action,
  about,
  partnershipName,
  hidden = {},
}: {
  action: string;
  about: string;
  partnershipName: string;
  hidden?: Record<string, string>;
}) {
  return (
    <form method="get" action={action}>
      <p>
        A paper in the shape boards use, filled in from {about}, with the parts only officers can write marked for
        completion.
      </p>
      {Object.entries(hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <TextField
        idPrefix="paper-"
        name="report_to"
        label="Report to"
        hint={`For example: ${partnershipName} Board`}
        errors={null}
      />
      <TextField
        idPrefix="paper-"
        name="meeting_date"
        label="Date of the meeting"
        type="date"
        width="fixed-20"
        errors={null}
      />
      <TextField idPrefix="paper-" name="report_by" label="Report by" hint="Name and role" errors={null} />
      <TextField idPrefix="paper-" name="subject" label="Subject (optional)" errors={null} />
      <button type="submit" class="ds_button ds_button--secondary">
        Download the board paper
      </button>
    </form>
  );
}
