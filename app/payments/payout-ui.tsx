import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";

type Account = { bankName: string; accountNumber: string; holderName: string };

/**
 * The number as selectable text (works without JavaScript: press and hold to copy), and with JavaScript a
 * copy button that puts it on the clipboard.
 */
export function CopyableNumber({ value, testId }: { value: string; testId?: string }) {
  const { t } = useTranslation();
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && !!navigator.clipboard), []);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <code className="select-all whitespace-nowrap rounded bg-stone-100 px-2 py-1 text-base font-semibold tracking-wide" data-testid={testId}>
        {value}
      </code>
      {canCopy ? (
        <button
          type="button"
          className="btn-secondary min-h-9 px-3 py-1 text-sm"
          data-testid={testId ? `${testId}-copy` : undefined}
          onClick={() => {
            void navigator.clipboard.writeText(value).then(() => setCopied(true));
          }}
        >
          {copied ? t("payments:payout.copied") : t("payments:payout.copy")}
        </button>
      ) : null}
      <span aria-live="polite" className="sr-only">
        {copied ? t("payments:payout.copied") : ""}
      </span>
    </span>
  );
}

/** Bank, account number (copyable), holder and the QRIS image of one payout entry. */
export function PayoutDetails({ account, qrisUrl, copy = true }: { account: Account; qrisUrl: string | null; copy?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-2 text-sm">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="text-stone-600">{t("payments:payout.bankName")}</dt>
        <dd data-testid="payout-bank">{account.bankName}</dd>
        <dt className="text-stone-600">{t("payments:payout.accountNumber")}</dt>
        <dd>{copy ? <CopyableNumber value={account.accountNumber} testId="payout-number" /> : <code className="select-all">{account.accountNumber}</code>}</dd>
        <dt className="text-stone-600">{t("payments:payout.holderName")}</dt>
        <dd data-testid="payout-holder">{account.holderName}</dd>
      </dl>
      {qrisUrl ? (
        <figure className="space-y-1">
          <img src={qrisUrl} alt={t("payments:payout.qrisAlt", { name: account.holderName })} className="h-auto w-56 max-w-full rounded border border-stone-200 bg-white" data-testid="payout-qris" />
          <figcaption className="text-xs text-stone-600">{t("payments:payout.qrisCaption")}</figcaption>
        </figure>
      ) : null}
    </div>
  );
}
