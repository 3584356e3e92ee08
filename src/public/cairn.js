/* global window */
// Progressive enhancement only: every page works without JavaScript.
if (window.DS && typeof window.DS.initAll === 'function') window.DS.initAll();
