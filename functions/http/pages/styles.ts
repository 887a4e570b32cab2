// One small stylesheet, inlined with the CSP nonce, in the emails' colours (emails/palette.ts) and on one
// spacing scale (4, 8, 12, 16, 24, 32 px), so every page and every email look like the same product.
// Readable on a phone, 44 px touch targets, a visible focus ring, and no script needed for anything.
import { light } from '../../../templates/palette.js';

const colours = {
  ...light,
  /** Errors and danger buttons: 6.6:1 on white. */
  danger: '#b42318',
  dangerBg: '#fff4f2',
  okBg: '#e3f8ef',
  /** Notes that ask for attention (paused, closed): 4.5:1 or more for text on it. */
  warnBg: '#fffbea',
  warn: '#f0b429',
  /** Form borders: 3:1 on white, as a control's edge must be. */
  field: '#7b8794',
};

const vars = Object.entries(colours)
  .map(([name, value]) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${value}`)
  .join(';');

export const styles = `
:root{${vars};--s1:4px;--s2:8px;--s3:12px;--s4:16px;--s5:24px;--s6:32px;--radius:8px}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--text);background:var(--page)}
.frame{max-width:44rem;margin:0 auto;padding:0 var(--s4)}
.wide .frame{max-width:64rem}
header{background:var(--card);border-bottom:1px solid var(--rule)}
header .frame{display:flex;justify-content:space-between;align-items:center;gap:var(--s4);min-height:56px}
.brand{display:inline-flex;align-items:center;gap:var(--s2);font-weight:700;font-size:19px;letter-spacing:.3px;color:var(--accent);text-decoration:none}
.brand span{display:inline-flex}
header nav a{color:var(--accent);margin-left:var(--s3)}
header nav a[aria-current]{font-weight:700;text-decoration:none}
main.frame{padding-top:var(--s5);padding-bottom:var(--s6)}
footer{border-top:1px solid var(--rule);color:var(--muted);font-size:14px}
footer .frame{padding-top:var(--s4);padding-bottom:var(--s5)}
h1,h2,h3{line-height:1.25;margin:0 0 var(--s3)}
h1{font-size:28px;letter-spacing:-.2px}
h2{font-size:20px}
h3{font-size:17px}
p{margin:0 0 var(--s3)}
ul,ol{margin:0 0 var(--s3);padding-left:var(--s5)}
li+li{margin-top:var(--s1)}
a{color:var(--accent)}
.lead{font-size:18px}
.muted{color:var(--muted)}
.hint{color:var(--muted);font-size:14px;margin:var(--s1) 0 0}
p.hint+button,p.hint+.buttons{margin-top:var(--s3)}
.card{background:var(--card);border:1px solid var(--rule);border-radius:var(--radius);padding:var(--s5);margin:0 0 var(--s4)}
.card .card{border:0;border-top:1px solid var(--rule);border-radius:0;padding:var(--s4) 0 0;margin:var(--s4) 0 0}
.card>:last-child,.panel-body>:last-child,fieldset>:last-child,.field>:last-child{margin-bottom:0}
@media (max-width:480px){.frame{padding:0 var(--s3)}.card{padding:var(--s4)}h1{font-size:24px}}
section+section{margin-top:var(--s5)}
section>h2{margin-top:var(--s2)}
.goal-quote{border-left:4px solid var(--accent);background:var(--quote-bg);padding:var(--s3) var(--s4);margin:0 0 var(--s3);font-size:18px;white-space:pre-line;overflow-wrap:anywhere;border-radius:0 var(--radius) var(--radius) 0}
.notice,.summary,.note{border-radius:var(--radius);padding:var(--s3) var(--s4);margin:0 0 var(--s4);border-left:4px solid}
.notice{background:var(--ok-bg);border-color:var(--accent)}
.note{background:var(--warn-bg);border-color:var(--warn)}
.note>:last-child,.summary>:last-child,.notice>:last-child{margin-bottom:0}
.summary{background:var(--danger-bg);border-color:var(--danger)}
.summary h2{font-size:17px;margin-bottom:var(--s2)}
.summary a{color:var(--danger);font-weight:600}
.field{margin:0 0 var(--s4)}
label,legend{display:block;font-weight:600;margin-bottom:var(--s1)}
label.check{display:flex;gap:var(--s2);align-items:flex-start;font-weight:600;margin:0 0 var(--s4)}
label.check input{width:22px;height:22px;margin:1px 0 0;flex:none;accent-color:var(--accent)}
input,select,textarea{display:block;width:100%;font:inherit;padding:10px 12px;min-height:44px;border:1px solid var(--field);border-radius:6px;background:var(--card);color:var(--text)}
textarea{min-height:6rem;resize:vertical}
textarea[readonly]{background:var(--quote-bg)}
:focus-visible{outline:3px solid var(--warn);outline-offset:2px}
fieldset{border:1px solid var(--rule);border-radius:var(--radius);padding:var(--s3) var(--s4) var(--s4);margin:0 0 var(--s4);min-width:0}
legend{padding:0 var(--s1)}
fieldset>.hint{margin:0 0 var(--s3)}
.row{display:flex;gap:var(--s3);flex-wrap:wrap;align-items:flex-start}
.row>.field{flex:1 1 12rem}
.error{color:var(--danger);font-weight:600;font-size:15px;margin:var(--s1) 0 0}
.error::before{content:"! ";font-weight:700}
[aria-invalid=true]{border-color:var(--danger);border-width:2px;scroll-margin:6rem 0}
button,.button{display:inline-flex;align-items:center;justify-content:center;font:inherit;font-weight:600;line-height:1.25;padding:var(--s3) var(--s5);min-height:44px;border:2px solid var(--accent);border-radius:6px;background:var(--accent);color:var(--on-accent);cursor:pointer;text-decoration:none;text-align:center}
button.secondary,.button.secondary{background:var(--card);color:var(--accent)}
button.danger,.button.danger{background:var(--danger);border-color:var(--danger);color:#fff}
.button.danger-quiet{background:var(--card);border-color:var(--danger);color:var(--danger)}
button.big{font-size:22px;padding:var(--s4) var(--s6);width:100%}
.buttons{display:flex;flex-wrap:wrap;gap:var(--s3);align-items:center;margin:var(--s4) 0 0}
.buttons form{margin:0}
form+form{margin-top:var(--s4)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:var(--s2) var(--s4);margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
@media (max-width:480px){dl.facts{grid-template-columns:1fr;gap:0}dl.facts dd{margin-bottom:var(--s2)}}
.pill::first-letter{text-transform:uppercase}
.pill{display:inline-block;font-size:14px;font-weight:600;padding:2px 10px;border-radius:999px;background:var(--ok-bg);color:var(--accent);vertical-align:middle}
.pill.paused,.pill.pending{background:var(--warn-bg);color:#7c5e10}
.pill.completed,.pill.stopped{background:var(--quote-bg);color:var(--muted)}
.title-row{display:flex;flex-wrap:wrap;gap:var(--s2) var(--s3);align-items:baseline;margin-bottom:var(--s4)}
.title-row h1{margin:0}
.dashboard{display:grid;gap:var(--s4);grid-template-columns:1fr;margin-bottom:var(--s4)}
.dashboard>.card{margin:0}
@media (min-width:900px){.dashboard{grid-template-columns:3fr 2fr}.dashboard>.span{grid-column:1/-1}}
.now{display:flex;flex-wrap:wrap;gap:var(--s2) var(--s4);align-items:center;margin:0 0 var(--s4)}
.now strong{font-size:40px;line-height:1;font-variant-numeric:tabular-nums}
.verdict{font-weight:600}
.verdict.reached{color:var(--accent)}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:var(--s3);margin:0}
.stats div{background:var(--page);border-radius:6px;padding:var(--s3)}
.stats strong{display:block;font-size:20px;line-height:1.3}
.stats .span-all{grid-column:1/-1;margin:0}
.tz-search{margin-bottom:var(--s2)}
.tz-search[hidden]{display:none}
figure.chart{margin:0;overflow-x:auto}
figure.chart svg{width:100%;min-width:18rem;height:auto;max-height:15rem}
.bar-on{fill:var(--accent)}.bar-under{fill:var(--under)}.bar-empty{fill:none;stroke:var(--muted);stroke-dasharray:3 3}
.target{stroke:var(--text);stroke-width:1.5;stroke-dasharray:6 4}
.axis{font-size:13px;fill:var(--muted)}.value{font-size:14px;font-weight:700;fill:var(--text)}
.legend{font-size:14px;color:var(--muted);margin:var(--s2) 0 var(--s4)}
table.history{width:100%;border-collapse:collapse;font-size:15px}
table.history th,table.history td{text-align:left;padding:var(--s2);border-bottom:1px solid var(--rule);vertical-align:top}
table.history thead th{color:var(--muted);font-weight:600;font-size:14px}
table.history td:last-child{overflow-wrap:break-word}
@media (max-width:480px){
table.history thead{position:absolute;left:-9999px}
table.history tr{display:grid;grid-template-columns:3.5rem 1fr;border-bottom:1px solid var(--rule);padding:var(--s2) 0}
table.history th,table.history td{border:0;padding:2px var(--s2) 2px 0}
table.history td{grid-column:2}
table.history td:empty{display:none}
table.history td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}
}
table.circle{width:100%;border-collapse:collapse;font-size:15px}
p.shared{overflow-wrap:anywhere}
table.circle th,table.circle td{text-align:left;padding:var(--s2);border-bottom:1px solid var(--rule);vertical-align:top;overflow-wrap:anywhere}
table.circle thead th{color:var(--muted);font-weight:600;font-size:14px}
@media (max-width:480px){
table.circle thead{position:absolute;left:-9999px}
table.circle tr{display:block;border-bottom:1px solid var(--rule);padding:var(--s2) 0}
table.circle th,table.circle td{display:block;border:0;padding:2px 0}
table.circle td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}
}
.panels{background:var(--card);border:1px solid var(--rule);border-radius:var(--radius);margin:0 0 var(--s4)}
details.panel+details.panel{border-top:1px solid var(--rule)}
details.panel>summary{display:flex;gap:var(--s3);align-items:center;padding:var(--s4) var(--s5);cursor:pointer;list-style:none;min-height:56px}
details.panel>summary::-webkit-details-marker{display:none}
details.panel>summary::after{content:"";flex:none;width:10px;height:10px;margin-left:auto;border-right:2px solid var(--muted);border-bottom:2px solid var(--muted);transform:rotate(45deg);transition:transform .15s}
details.panel[open]>summary::after{transform:rotate(-135deg)}
summary .what{font-weight:600}
summary .now-value{color:var(--muted);font-size:14px;display:block;font-weight:400}
.panel-body{padding:0 var(--s5) var(--s5)}
@media (max-width:480px){details.panel>summary{padding:var(--s3) var(--s4)}.panel-body{padding:0 var(--s4) var(--s4)}}
.danger-zone{border-color:#f1b5ad}
.danger-zone summary .what{color:var(--danger)}
.coach{border-left:4px solid var(--warn);background:var(--warn-bg);padding:var(--s3) var(--s4);margin:0 0 var(--s4);border-radius:0 var(--radius) var(--radius) 0}
.coach[data-empty]{border:0;background:none;padding:0;margin:0}
.coach[data-empty] h2{display:none}
.coach h2{font-size:16px;margin:0 0 var(--s1)}
.coach ul{margin:var(--s1) 0 var(--s2)}
.coach p:empty{display:none}
`;
