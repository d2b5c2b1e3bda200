import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import { formatNumber, formatRupiah } from "~/i18n/format";
import { formatDayKey } from "~/time/calendar";
import { MouDocument } from "./components";
import { paymentClause, type MouContent } from "./content";

/** MoU content dates are calendar days ("yyyy-mm-dd"): no zone applies. */
function day(d: string) {
  return formatDayKey(d);
}

/**
 * What each side promises, in plain words (issue 13 item 9): for every group the products, quantities,
 * prices and delivery days; for the partner what it pays, how and when, and the coaching sessions it gives;
 * the period. Built from the same structured content as the full text, so it cannot say something else.
 */
export function MouSummary({ content, id = "mou-summary" }: { content: MouContent; id?: string }) {
  const { t } = useTranslation();
  const { parties, scope } = content;
  const days = scope.deliveryDays.map((d) => t(`mou:weekday.${d}`)).join(", ");
  const perDeliveryTotal = scope.items.reduce((sum, i) => sum + i.quantityPerDelivery * i.unitPrice, 0);
  return (
    <section id={id} className="card space-y-3 text-base leading-relaxed" aria-labelledby={`${id}-heading`} data-testid="mou-summary">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {t("mou:summary.heading")}
      </h2>
      <p className="text-sm text-stone-600">{t("mou:summary.intro")}</p>
      {parties.groups.map((g) => {
        const items = scope.items.filter((i) => i.groupId === g.id);
        return (
          <div key={g.id} data-testid="summary-group">
            <h3 className="font-semibold">{t("mou:summary.groupPromises", { name: g.name })}</h3>
            <ul className="list-disc space-y-1 pl-5">
              {items.map((item, i) => (
                <li key={i}>
                  {t("mou:summary.deliverLine", {
                    quantity: formatNumber(item.quantityPerDelivery),
                    unit: t(`mou:unit.${item.unit}`),
                    product: item.description,
                    price: formatRupiah(item.unitPrice),
                    total: formatRupiah(item.quantityPerDelivery * item.unitPrice),
                  })}
                </li>
              ))}
              {items.length && days ? <li>{t("mou:summary.deliveryDays", { days, address: scope.deliveryAddress })}</li> : null}
              {scope.qualityStandards ? <li>{t("mou:summary.quality", { standards: scope.qualityStandards })}</li> : null}
              {content.obligations.group.map((o, i) => (
                <li key={`o${i}`}>{o}</li>
              ))}
            </ul>
          </div>
        );
      })}
      <div data-testid="summary-partner">
        <h3 className="font-semibold">{t("mou:summary.partnerPromises", { name: parties.partner.displayName })}</h3>
        <ul className="list-disc space-y-1 pl-5">
          {scope.items.length ? <li>{t("mou:summary.buyLine", { total: formatRupiah(perDeliveryTotal) })}</li> : null}
          <li>{t(`mou:summary.pay.${paymentClause(content.payment).key}`, { days: paymentClause(content.payment).days })}</li>
          {content.coaching.map((c, i) => (
            <li key={`c${i}`}>
              {t("mou:summary.coachingLine", { count: c.sessionsCount, topic: c.topic, frequency: t(`mou:frequency.${c.frequency}`), date: day(c.firstDueDate), hours: c.hoursPerSession })}
            </li>
          ))}
          {content.coaching.length === 0 ? <li>{t("mou:summary.noCoaching")}</li> : null}
          {content.obligations.partner.map((o, i) => (
            <li key={`o${i}`}>{o}</li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="font-semibold">{t("mou:summary.dinasPromises", { name: parties.dinas.name })}</h3>
        <p>{t("mou:summary.dinasLine")}</p>
      </div>
      <p className="font-semibold" data-testid="summary-period">
        {t("mou:summary.period", { start: day(content.period.startDate), end: day(content.period.endDate) })}
      </p>
    </section>
  );
}

type Voice = { lang: string; name: string };

/**
 * "Dengarkan": reads the summary aloud with the Web Speech API in a voice of the page's language
 * (Indonesian on Indonesian pages). Progressive enhancement: nothing is rendered on the server, nor where the
 * browser has no speech synthesis or no voice for the language. No inline script: it runs in the bundle.
 */
export function ListenButton({ targetId }: { targetId: string }) {
  const { t, i18n } = useTranslation();
  const [voice, setVoice] = useState<Voice | null>(null);
  const [speaking, setSpeaking] = useState(false);
  const language = i18n.language === "en" ? "en" : "id";
  const chosen = useRef<SpeechSynthesisVoice | null>(null);

  useEffect(() => {
    if (typeof window === "undefined" || !("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") return;
    const synth = window.speechSynthesis;
    const pick = () => {
      const voices = synth.getVoices();
      const match = voices.find((v) => v.lang.toLowerCase().replace("_", "-").startsWith(`${language}-`) || v.lang.toLowerCase() === language) ?? null;
      chosen.current = match;
      setVoice(match ? { lang: match.lang, name: match.name } : null);
    };
    pick();
    synth.addEventListener?.("voiceschanged", pick);
    return () => {
      synth.removeEventListener?.("voiceschanged", pick);
      synth.cancel();
    };
  }, [language]);

  if (!voice) return null;
  function toggle() {
    const synth = window.speechSynthesis;
    if (speaking) {
      synth.cancel();
      setSpeaking(false);
      return;
    }
    const text = document.getElementById(targetId)?.innerText ?? "";
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = chosen.current?.lang ?? (language === "id" ? "id-ID" : "en-US");
    if (chosen.current) utterance.voice = chosen.current;
    utterance.rate = 0.95;
    utterance.onend = () => setSpeaking(false);
    utterance.onerror = () => setSpeaking(false);
    synth.cancel();
    synth.speak(utterance);
    setSpeaking(true);
  }
  return (
    <button type="button" className="btn-secondary" onClick={toggle} aria-pressed={speaking} data-testid="listen">
      {speaking ? t("mou:summary.stopListening") : t("mou:summary.listen")}
    </button>
  );
}

/**
 * The signing page at any width: the plain summary first (with "Dengarkan"), the full text folded below it,
 * and the sign panel. On a phone a bar stays at the bottom of the screen with a link to the panel until the
 * panel itself is reached; on a wide screen the panel sits beside the text and stays in view.
 */
export function SigningLayout({ content, number, versionNumber, panel, banner, inlineListen }: { content: MouContent; number: string; versionNumber: number; panel: ReactNode; banner?: ReactNode; inlineListen?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start">
      <div className="space-y-4">
        {banner}
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-stone-600">{t("mou:summary.readFirst")}</p>
          {inlineListen ? (
            // a page served without client scripts (/sign/:token): the inline enhancement script adds the button here
            <span data-listen-for="mou-summary" data-lang={i18n.language === "en" ? "en" : "id"} data-listen={t("mou:summary.listen")} data-stop={t("mou:summary.stopListening")} />
          ) : (
            <ListenButton targetId="mou-summary" />
          )}
        </div>
        <MouSummary content={content} />
        <details className="card" data-testid="full-text">
          <summary className="cursor-pointer font-semibold">{t("mou:summary.fullText")}</summary>
          <div className="mt-3">
            <MouDocument content={content} number={number} versionNumber={versionNumber} />
          </div>
        </details>
        <div className="sticky bottom-0 z-10 -mx-3 border-t border-stone-200 bg-white/95 px-3 py-2 lg:hidden" data-testid="sign-bar">
          <a href="#sign-panel" className="btn-primary block w-full text-center no-underline">
            {t("mou:summary.goToSign")}
          </a>
        </div>
      </div>
      <div id="sign-panel" className="scroll-mt-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto" tabIndex={-1}>
        {panel}
      </div>
    </div>
  );
}
