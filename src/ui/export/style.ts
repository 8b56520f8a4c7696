/** Styles of the export, verify and import panels (classes prefixed hf- so they never clash with the page). */
export const EXPORT_STYLE = `
.hf-backdrop{position:fixed;inset:0;background:rgb(0 0 0 / .45);display:flex;align-items:flex-start;justify-content:center;overflow:auto;padding:32px 12px;z-index:10}
.hf-dialog,.hf-panel{background:var(--bg,#fff);color:var(--fg,#111);border:1px solid var(--line,#ccc);border-radius:10px;padding:16px 20px;max-width:640px;width:100%}
.hf-dialog h2,.hf-panel h2{margin-top:0}
.hf-dialog fieldset,.hf-panel fieldset{border:1px solid var(--line,#ccc);border-radius:8px;margin:12px 0;padding:8px 12px}
.hf-dialog label,.hf-panel label{display:block;margin:6px 0}
.hf-dialog input[type=text],.hf-dialog input[type=password],.hf-dialog input[type=date],.hf-panel input[type=password]{display:block;font:inherit;padding:5px 8px;margin-top:2px;width:100%;max-width:360px}
.hf-radio{display:block}
.hf-sub{margin:4px 0 10px 24px}
.hf-row{display:flex;gap:16px;flex-wrap:wrap}
.hf-accounts{list-style:none;padding:0;margin:4px 0;max-height:220px;overflow:auto}
.hf-small{font-size:.9em}
.hf-actions{display:flex;gap:8px;justify-content:flex-end;margin-top:12px}
.hf-result ul{margin:4px 0 8px 20px;padding:0}
.hf-result code{overflow-wrap:anywhere}
progress{vertical-align:middle;width:200px}
`;
