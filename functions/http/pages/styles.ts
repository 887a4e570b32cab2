// One small stylesheet, inlined with the CSP nonce: readable on a phone, large touch targets.
export const styles = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2933;background:#f5f7fa}
header{display:flex;justify-content:space-between;align-items:center;padding:.75rem 1rem;background:#0b6e4f}
header a{color:#fff}
.brand{display:inline-flex;align-items:center;gap:.5rem;font-weight:700;font-size:1.25rem;text-decoration:none}
.brand span{display:inline-flex}
main{max-width:40rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
.card{background:#fff;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.field{margin:0 0 1rem}
label,legend{display:block;font-weight:600;margin-bottom:.25rem}
input.inline{width:auto;margin-right:.4rem}
input,select,textarea{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #9aa5b1;border-radius:6px;background:#fff}
textarea{min-height:5.5rem;resize:vertical}
input:focus,select:focus,textarea:focus,button:focus,a:focus{outline:3px solid #f0b429;outline-offset:1px}
fieldset{border:1px solid #d9e2ec;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
.row{display:flex;gap:.75rem;flex-wrap:wrap}
.row>.field{flex:1 1 9rem}
.hint{color:#52606d;font-size:.9rem;margin:.2rem 0 0}
.error{color:#b42318;font-weight:600;font-size:.95rem;margin:.25rem 0 0}
[aria-invalid=true]{border-color:#b42318;border-width:2px}
.summary{border-left:4px solid #b42318;padding:.5rem .75rem;background:#fff4f2}
button{font:inherit;font-weight:600;padding:.75rem 1.5rem;border:0;border-radius:6px;background:#0b6e4f;color:#fff;cursor:pointer;min-height:44px}
.goal-quote{border-left:4px solid #0b6e4f;padding-left:.75rem;font-size:1.15rem;white-space:pre-line}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem;margin:0}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
figure.chart{margin:1rem 0;overflow-x:auto}
figure.chart svg{width:100%;min-width:18rem;height:auto;max-height:14rem}
.bar-on{fill:#0b6e4f}.bar-under{fill:#d9822b}.bar-empty{fill:none;stroke:#9aa5b1;stroke-dasharray:3 3}
.target{stroke:#1f2933;stroke-width:1.5;stroke-dasharray:6 4}
.axis{font-size:13px;fill:#52606d}.value{font-size:14px;font-weight:700;fill:#1f2933}
a{color:#0b6e4f}
table.history{width:100%;border-collapse:collapse;font-size:.95rem}
table.history th,table.history td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #d9e2ec;vertical-align:top}
.muted{color:#52606d}
.buttons{display:flex;flex-wrap:wrap;gap:.5rem}
button.secondary{background:#fff;color:#0b6e4f;border:2px solid #0b6e4f}
button.danger{background:#b42318}
button.big{font-size:1.4rem;padding:1rem 2rem;width:100%}
.stats{display:flex;gap:1rem;flex-wrap:wrap;margin:.5rem 0}
.stats div{flex:1 1 8rem;background:#f5f7fa;border-radius:6px;padding:.5rem .75rem}
.stats strong{display:block;font-size:1.3rem}
.coach{border-left:4px solid #f0b429;background:#fffbea;padding:.5rem .75rem;margin:0 0 1rem;border-radius:4px}
.coach[data-empty]{border:0;background:none;padding:0;margin:0}
.coach[data-empty] h2{display:none}
.coach h2{font-size:1rem;margin:0 0 .25rem}
.coach ul{margin:.25rem 0;padding-left:1.25rem}
.notice{background:#e3f8ef;border-left:4px solid #0b6e4f;padding:.5rem .75rem}
`;
