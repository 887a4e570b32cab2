// The time zone, picked from a list: every IANA zone the runtime knows, by region and city ("Europe/Oslo"
// reads "Europe / Oslo"). The options are built once per process (not on every view) and only the chosen
// one is marked per request. With script, a search field narrows the list as one types and the browser's
// own zone is chosen for a field the person has not touched; without script the list works alone, the
// server's guess chosen (the language's region, see guessTimeZone).
import { raw } from 'hono/html';
import { t, type Locale } from '../../core/i18n/messages.js';
import type { ControlProps } from './form-parts.js';

const ZONES = Intl.supportedValuesOf('timeZone').filter((z) => /^[A-Za-z0-9_+\-/]+$/.test(z));
const label = (zone: string) => zone.replaceAll('_', ' ').replaceAll('/', ' / ');
// Zone ids hold only [A-Za-z0-9_+-/] (filtered above): nothing in them needs escaping.
let options: string | undefined;
function allOptions(): string {
  options ??= ZONES.map((zone) => `<option value="${zone}">${label(zone)}</option>`).join('');
  return options;
}

/** The <option>s with `selected` on the chosen zone; a zone not in the list (typed in an old form) comes first. */
export function zoneOptions(selected: string): string {
  const all = allOptions();
  const marker = `<option value="${selected}">`;
  if (/^[A-Za-z0-9_+\-/]+$/.test(selected) && all.includes(marker)) return all.replace(marker, `<option value="${selected}" selected>`);
  const shown = selected.replace(/[^A-Za-z0-9_+\-/ ]/g, '');
  return shown ? `<option value="${shown}" selected>${shown}</option>${all}` : all;
}

/** Accept-Language regions whose zone is clear enough to guess; otherwise Kompis's home zone. */
const REGION_ZONES: Record<string, string> = {
  NO: 'Europe/Oslo', SE: 'Europe/Stockholm', DK: 'Europe/Copenhagen', FI: 'Europe/Helsinki', GB: 'Europe/London', IE: 'Europe/Dublin',
  DE: 'Europe/Berlin', NL: 'Europe/Amsterdam', FR: 'Europe/Paris', ES: 'Europe/Madrid', IT: 'Europe/Rome', PL: 'Europe/Warsaw',
  US: 'America/New_York', CA: 'America/Toronto', AU: 'Australia/Sydney', NZ: 'Pacific/Auckland', IN: 'Asia/Kolkata', SG: 'Asia/Singapore',
};

/** Without script, the server's guess: the first language tag with a known region ("en-GB"), bokmål Oslo. */
export function guessTimeZone(acceptLanguage: string | undefined, fallback = 'Europe/Oslo'): string {
  for (const part of (acceptLanguage ?? '').split(',').slice(0, 10)) {
    const tag = part.trim().split(';')[0] ?? '';
    const [lang, region] = tag.split('-');
    if (region && REGION_ZONES[region.toUpperCase()]) return REGION_ZONES[region.toUpperCase()]!;
    if (lang && ['nb', 'nn', 'no'].includes(lang.toLowerCase())) return 'Europe/Oslo';
  }
  return fallback;
}

/** The select, with its search field (hidden until the script shows it). */
export function TimeZoneSelect({ control, locale, selected, auto }: { control: ControlProps; locale: Locale; selected: string; auto: boolean }) {
  return (
    <>
      <input type="search" id={`${control.id}-search`} class="tz-search" hidden aria-label={t(locale, 'tz.search')} placeholder={t(locale, 'tz.searchHint')} autocomplete="off" />
      <select {...control} data-auto={auto ? '1' : undefined} data-tz="1">
        {raw(zoneOptions(selected))}
      </select>
    </>
  );
}

/** Narrows a zone list as one types in its search field; picks the browser's zone for an untouched field. */
export const timeZoneScript = `(function(){Array.prototype.forEach.call(document.querySelectorAll('select[data-tz]'),function(sel){
if(sel.dataset.auto){try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(z&&sel.querySelector('option[value="'+z.replace(/"/g,'')+'"]'))sel.value=z;}catch(e){}}
var box=document.getElementById(sel.id+'-search');if(!box)return;box.hidden=false;
box.addEventListener('input',function(){var q=box.value.trim().toLowerCase().replace(/[\\s_]+/g,' ');var first=null;
Array.prototype.forEach.call(sel.options,function(o){var hit=!q||o.textContent.toLowerCase().replace(/_/g,' ').indexOf(q)>=0;o.hidden=!hit;if(hit&&!first)first=o;});
if(first&&sel.selectedOptions[0]&&sel.selectedOptions[0].hidden)sel.value=first.value;});});})();`;
