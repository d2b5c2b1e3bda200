/**
 * The inline script of the pages served without client scripts (decision 128; app/components/scripts-policy.ts).
 * Server-only on purpose: the root layout renders it only on the server (in the browser the layout always
 * keeps Remix's scripts), so the string stays out of the client bundle; in the browser this export is empty.
 */
/**
 * Progressive enhancement for the script-free pages, plain browser JavaScript (no framework), run once.
 * - `input[data-live-search]`: 350 ms after the typing stops, the form's non-empty fields (without `page`,
 *   without the default sort) are fetched as the same page and the element `[data-live-results]` is swapped
 *   for the new one; the address follows (history.replaceState, and the language switch's way back). Without JavaScript the form submits.
 * - the address loses a `#form-errors` that a successful form post carried over to its redirect (see
 *   `dropStaleFormErrorsHash` in app/components/scripts-policy.ts).
 * - `a[data-copy-link]`: copies its href to the clipboard and shows the text of `data-copied`; without the
 *   clipboard API it stays a plain link.
 * - `[data-listen-for]` (the MoU summary on `/sign/:token`, decision 135): where the browser has speech
 *   synthesis and a voice of `data-lang`, a "listen" button appears in it and reads the element named by
 *   `data-listen-for` aloud, as the React `ListenButton` does on the signed-in signing page; otherwise nothing.
 */
export const ENHANCE_SCRIPT = `(function(){
var timer,seq=0;
if(location.hash==="#form-errors"&&!document.getElementById("form-errors"))history.replaceState(null,"",location.pathname+location.search);
document.addEventListener("input",function(e){
var input=e.target;if(!input.matches||!input.matches("input[data-live-search]"))return;
var form=input.form;if(!form)return;
clearTimeout(timer);
timer=setTimeout(function(){
var data=new URLSearchParams();
new FormData(form).forEach(function(v,k){if(typeof v==="string"&&v!==""&&k!=="page")data.append(k,v)});
if(data.get("sort")==="relevance")data.delete("sort");
var qs=data.toString(),url=form.getAttribute("action")+(qs?"?"+qs:""),mine=++seq;
fetch(url,{headers:{accept:"text/html"}}).then(function(r){return r.ok?r.text():null}).then(function(html){
if(!html||mine!==seq)return;
var next=new DOMParser().parseFromString(html,"text/html").querySelector("[data-live-results]");
var current=document.querySelector("[data-live-results]");
if(!next||!current)return;
current.replaceWith(document.importNode(next,true));
history.replaceState(null,"",url);
document.querySelectorAll('form[action="/language"] input[name="redirectTo"]').forEach(function(i){i.value=url});
}).catch(function(){});
},350);
});
document.addEventListener("click",function(e){
var link=e.target.closest&&e.target.closest("a[data-copy-link]");
if(!link||!navigator.clipboard)return;
e.preventDefault();
navigator.clipboard.writeText(link.href).then(function(){if(link.dataset.copied)link.textContent=link.dataset.copied},function(){});
});
var slot=document.querySelector("[data-listen-for]"),synth=window.speechSynthesis;
if(slot&&synth&&typeof window.SpeechSynthesisUtterance==="function"){
var lang=slot.dataset.lang,voice=null,button=null,speaking=false;
var show=function(on){speaking=on;button.textContent=on?slot.dataset.stop:slot.dataset.listen;button.setAttribute("aria-pressed",on?"true":"false")};
var pick=function(){
voice=synth.getVoices().filter(function(v){var l=v.lang.toLowerCase().replace("_","-");return l===lang||l.indexOf(lang+"-")===0})[0]||null;
if(!voice||button)return;
button=document.createElement("button");button.type="button";button.className="btn-secondary";button.setAttribute("data-testid","listen");show(false);
button.addEventListener("click",function(){
synth.cancel();if(speaking){show(false);return}
var target=document.getElementById(slot.dataset.listenFor),u=new SpeechSynthesisUtterance(target?target.innerText:"");
u.lang=voice.lang;u.voice=voice;u.rate=0.95;u.onend=u.onerror=function(){show(false)};
synth.speak(u);show(true);
});
slot.appendChild(button);
};
pick();if(synth.addEventListener)synth.addEventListener("voiceschanged",pick);
}
})();`;
