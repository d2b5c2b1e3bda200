import { useTranslation } from "~/i18n/react";

/** Shown whenever a facilitator acts for a group: everything done here is recorded under both names. */
export function AssistedModeBanner({ groupName }: { groupName: string }) {
  const { t } = useTranslation();
  return (
    <div role="note" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="assisted-mode">
      <strong>{t("common:assistedMode.title")}</strong> {t("common:assistedMode.body", { group: groupName })}
    </div>
  );
}
