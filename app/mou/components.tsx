import { useEffect, useRef, useState, type PointerEvent } from "react";
import { useTranslation } from "~/i18n/react";
import { formatRupiah } from "~/i18n/format";
import { useDates } from "~/time/use-dates";
import { formatDayKey } from "~/time/calendar";
import { paymentClause, type MouContent } from "./content";

const STATUS_TONES: Record<string, string> = {
  DRAFT: "bg-stone-100 text-stone-700",
  IN_REVIEW: "bg-amber-100 text-amber-900",
  OUT_FOR_SIGNATURE: "bg-sky-100 text-sky-900",
  ACTIVE: "bg-green-100 text-green-800",
  SIGNED: "bg-green-100 text-green-800",
  EXPIRED: "bg-stone-200 text-stone-700",
  TERMINATED: "bg-red-100 text-red-800",
  DECLINED: "bg-red-100 text-red-800",
  SUPERSEDED: "bg-stone-200 text-stone-700",
  WAITING: "bg-stone-100 text-stone-700",
  NOTIFIED: "bg-sky-100 text-sky-900",
};

/** Status label of an MoU (`kind` "status"), a version ("versionStatus") or a signer ("signerStatus"). */
export function MouBadge({ kind, status }: { kind: "status" | "versionStatus" | "signerStatus"; status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${STATUS_TONES[status] ?? "bg-stone-100 text-stone-700"}`} data-status={status}>
      {t(`mou:${kind}.${status}`)}
    </span>
  );
}

/** MoU content dates are calendar days ("yyyy-mm-dd") already: no zone applies. */
function day(d: string) {
  return formatDayKey(d);
}

/**
 * The MoU text: headings and fixed template sentences in the reader's language (mou:doc.*), the negotiated
 * content (names, clauses typed by Dinas) as written, in Bahasa Indonesia.
 */
export function MouDocument({ content, number, versionNumber }: { content: MouContent; number: string; versionNumber: number }) {
  const { t } = useTranslation();
  const p = content.parties;
  const groupName = (id: string) => p.groups.find((g) => g.id === id)?.name ?? "";
  return (
    <article className="card space-y-4 text-sm leading-relaxed" data-testid="mou-document">
      <header>
        <p className="text-xs font-semibold uppercase tracking-wide text-stone-500">{t("mou:doc.heading")}</p>
        <h2 className="text-lg font-bold">{content.title}</h2>
        <p className="text-stone-600">
          {t("mou:doc.number")}: {number} · {t("mou:doc.version")} {versionNumber}
        </p>
      </header>
      <section>
        <h3 className="font-semibold">{t("mou:doc.parties")}</h3>
        <ol className="list-decimal space-y-1 pl-5">
          <li>
            {p.partner.legalName} ({p.partner.displayName}), {p.partner.address}, {t("mou:doc.representedBy", { name: p.partner.signatoryName, title: p.partner.signatoryTitle })}{" "}
            {t("mou:doc.partyPartner")}
          </li>
          {p.groups.map((g) => (
            <li key={g.id}>
              {g.name} ({g.type}), {g.village}, {t("mou:view.kecamatan", { name: g.kecamatan })}, {t("mou:doc.representedBy", { name: g.chairName, title: t("mou:view.chairOf", { name: g.name }) })}{" "}
              {t("mou:doc.partyGroup")}
            </li>
          ))}
          <li>
            {p.dinas.name}, {t("mou:doc.representedBy", { name: p.dinas.signatoryName, title: p.dinas.signatoryTitle })} {t("mou:doc.partyDinas")}
          </li>
        </ol>
      </section>
      <section>
        <h3 className="font-semibold">{t("mou:doc.background")}</h3>
        <p className="whitespace-pre-line">{content.background}</p>
      </section>
      <section>
        <h3 className="font-semibold">{t("mou:doc.scope")}</h3>
        {content.scope.items.length === 0 ? <p className="text-stone-500">{t("mou:view.noItems")}</p> : null}
        <ul className="list-disc space-y-1 pl-5">
          {content.scope.items.map((item, i) => (
            <li key={i}>
              {item.description} — {groupName(item.groupId)}: {item.quantityPerDelivery} {t(`mou:unit.${item.unit}`)} × {formatRupiah(item.unitPrice)} {t("mou:doc.perDelivery")}
            </li>
          ))}
        </ul>
        {content.scope.deliveryDays.length ? (
          <p>
            {t("mou:doc.deliveryDays")}: {content.scope.deliveryDays.map((d) => t(`mou:weekday.${d}`)).join(", ")}
          </p>
        ) : null}
        <p>
          {t("mou:doc.deliveryAddress")}: {content.scope.deliveryAddress}
        </p>
        <p>
          {t("mou:doc.quality")}: {content.scope.qualityStandards}
        </p>
      </section>
      <section>
        <h3 className="font-semibold">{t("mou:doc.obligationsPartner")}</h3>
        <ol className="list-decimal pl-5">
          {content.obligations.partner.map((o, i) => (
            <li key={i}>{o}</li>
          ))}
        </ol>
        <h3 className="mt-2 font-semibold">{t("mou:doc.obligationsGroup")}</h3>
        <ol className="list-decimal pl-5">
          {content.obligations.group.map((o, i) => (
            <li key={i}>{o}</li>
          ))}
        </ol>
      </section>
      <section>
        <h3 className="font-semibold">{t("mou:doc.coaching")}</h3>
        {content.coaching.length === 0 ? <p>{t("mou:doc.noCoaching")}</p> : null}
        <ol className="list-decimal pl-5" data-testid="mou-coaching">
          {content.coaching.map((c, i) => (
            <li key={i}>
              {c.topic}: {t("mou:doc.coachingLine", { count: c.sessionsCount, frequency: t(`mou:frequency.${c.frequency}`), date: day(c.firstDueDate), hours: c.hoursPerSession })}
            </li>
          ))}
        </ol>
      </section>
      <section>
        <h3 className="font-semibold">{t("mou:doc.payment")}</h3>
        <p>{t(`mou:payment.${paymentClause(content.payment).key}`, { days: paymentClause(content.payment).days })}</p>
        <h3 className="mt-2 font-semibold">{t("mou:doc.period")}</h3>
        <p>{t("mou:doc.periodLine", { start: day(content.period.startDate), end: day(content.period.endDate) })}</p>
        <h3 className="mt-2 font-semibold">{t("mou:doc.termination")}</h3>
        <p className="whitespace-pre-line">{content.termination}</p>
        <h3 className="mt-2 font-semibold">{t("mou:doc.dispute")}</h3>
        <p className="whitespace-pre-line">{content.dispute}</p>
      </section>
    </article>
  );
}

export type SignerRow = { id: string; order: number; party: string; name: string; title: string; status: string; signedAt: string | null; declineReason: string | null };

/** The signers and when they signed, in `zone` (the MoU's office; the viewer's when not given). */
export function SignerList({ signers, zone }: { signers: SignerRow[]; zone?: string | null }) {
  const { dateTime: fmtDateTime } = useDates(zone);
  const { t } = useTranslation();
  if (signers.length === 0) return null;
  return (
    <ol className="space-y-2" data-testid="mou-signers">
      {signers.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-stone-200 p-2 text-sm">
          <span>
            {s.order}. <strong>{s.name}</strong> · {s.title} · {t(`mou:party.${s.party}`)}
            {s.signedAt ? ` · ${t("mou:view.signedOn", { date: fmtDateTime(s.signedAt) })}` : ""}
            {s.declineReason ? ` · ${t("mou:view.declinedBecause", { reason: s.declineReason })}` : ""}
          </span>
          <MouBadge kind="signerStatus" status={s.status} />
        </li>
      ))}
    </ol>
  );
}

/**
 * Draw a signature on a canvas (mouse, finger or pen). Without JavaScript the canvas is not shown and the
 * typed full name is the signature.
 */
export function SignaturePad({ name = "signatureImage" }: { name?: string }) {
  const { t } = useTranslation();
  const [hydrated, setHydrated] = useState(false);
  const [value, setValue] = useState("");
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  useEffect(() => setHydrated(true), []);

  function point(e: PointerEvent<HTMLCanvasElement>) {
    const canvas = canvasRef.current!;
    const rect = canvas.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) * canvas.width) / rect.width, y: ((e.clientY - rect.top) * canvas.height) / rect.height };
  }
  function down(e: PointerEvent<HTMLCanvasElement>) {
    const ctx = canvasRef.current!.getContext("2d")!;
    drawing.current = true;
    canvasRef.current!.setPointerCapture?.(e.pointerId);
    const { x, y } = point(e);
    ctx.lineWidth = 3;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#1e1b4b";
    ctx.beginPath();
    ctx.moveTo(x, y);
  }
  function move(e: PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    const ctx = canvasRef.current!.getContext("2d")!;
    const { x, y } = point(e);
    ctx.lineTo(x, y);
    ctx.stroke();
  }
  function up() {
    if (!drawing.current) return;
    drawing.current = false;
    setValue(canvasRef.current!.toDataURL("image/png"));
  }
  function clear() {
    const canvas = canvasRef.current!;
    canvas.getContext("2d")!.clearRect(0, 0, canvas.width, canvas.height);
    setValue("");
  }

  if (!hydrated) return <p className="text-xs text-stone-500">{t("mou:sign.typedFallback")}</p>;
  return (
    <div>
      <p className="label">{t("mou:sign.drawLabel")}</p>
      <canvas
        ref={canvasRef}
        width={600}
        height={180}
        className="h-36 w-full touch-none rounded-lg border border-dashed border-stone-400 bg-white"
        aria-label={t("mou:sign.drawLabel")}
        data-testid="signature-canvas"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerLeave={up}
      />
      <input type="hidden" name={name} value={value} />
      <div className="mt-1 flex items-center justify-between text-xs text-stone-500">
        <span>{value ? t("mou:sign.drawn") : t("mou:sign.drawHint")}</span>
        <button type="button" className="btn-secondary btn-small" onClick={clear}>
          {t("mou:sign.clear")}
        </button>
      </div>
    </div>
  );
}
