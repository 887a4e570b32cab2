// "Did you mean ola@gmail.com?" under an address field, before anything is sent. Without script the server
// sends the form back with the hint and a "Use …" button after the form's own (so Enter still saves the
// address as typed); with script the same hint comes from /api/address when the field changes, with a
// button that puts the suggestion in. Either way the addresses already asked about ride in `typoSeen`,
// so saving again keeps what was typed.
import { t, type Locale } from '../../core/i18n/messages.js';

/** The hint's place under the field: filled by the server, or by the script. */
export function TypoHint({ locale, field, suggestion }: { locale: Locale; field: string; suggestion?: string | undefined }) {
  return (
    <div id={`${field}-typo`} class="typo" aria-live="polite" data-did-you-mean={t(locale, 'typo.didYouMean', { suggestion: '%s' })} data-use={t(locale, 'typo.use', { suggestion: '%s' })}>
      {suggestion && (
        <p class="hint" data-testid={`${field}-typo`}>
          {t(locale, 'typo.didYouMean', { suggestion })} {t(locale, 'typo.keep')}
        </p>
      )}
    </div>
  );
}

/** The button that takes the suggestion (without script), after the form's own submit button. */
export function TypoFixButton({ locale, field, suggestion }: { locale: Locale; field: string; suggestion?: string | undefined }) {
  if (!suggestion) return null;
  return (
    <button type="submit" class="secondary" name={`fix-${field}`} value={suggestion}>
      {t(locale, 'typo.use', { suggestion })}
    </button>
  );
}

export function TypoSeen({ value }: { value?: string | undefined }) {
  return <input type="hidden" id="typoSeen" name="typoSeen" value={value ?? ''} />;
}

/** Asks /api/address when an address field (data-typo) changes; text goes in with textContent only. */
export const typoScript = `(function(){var seen=document.getElementById('typoSeen');if(!seen||!window.fetch)return;
Array.prototype.forEach.call(document.querySelectorAll('input[data-typo]'),function(input){var box=document.getElementById(input.id+'-typo');if(!box)return;
input.addEventListener('change',function(){var v=input.value.trim();box.textContent='';if(v.indexOf('@')<1)return;
fetch('/api/address',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({email:v})}).then(function(r){return r.ok?r.json():null;}).then(function(r){
if(!r||!r.suggestion||input.value.trim()!==v)return;var p=document.createElement('p');p.className='hint';p.textContent=box.dataset.didYouMean.replace('%s',r.suggestion);
var b=document.createElement('button');b.type='button';b.className='secondary';b.textContent=box.dataset.use.replace('%s',r.suggestion);
b.addEventListener('click',function(){input.value=r.suggestion;box.textContent='';input.focus();});box.appendChild(p);box.appendChild(b);
seen.value=(seen.value+' '+v.toLowerCase()).trim();}).catch(function(){});});});})();`;
