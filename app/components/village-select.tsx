import { useTranslation } from "~/i18n/react";
import { useTranslateError, type ActionErrors } from "./form";

export type KecamatanOptions = { name: string; villages: { id: string; name: string }[] }[];

/** Village (desa/kelurahan) picker grouped by kecamatan, with its error next to it. */
export function VillageSelect({ kecamatans, data, defaultValue }: { kecamatans: KecamatanOptions; data?: ActionErrors; defaultValue?: string }) {
  const { t } = useTranslation();
  const translate = useTranslateError();
  const error = data?.errors?.villageId;
  const typed = data?.values?.villageId;
  return (
    <div>
      <label htmlFor="f-villageId" className="label">
        {t("groups:fields.village")}
      </label>
      <select
        id="f-villageId"
        name="villageId"
        className="input"
        defaultValue={typeof typed === "string" ? typed : (defaultValue ?? "")}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "f-villageId-error" : undefined}
      >
        {defaultValue ? null : <option value="">{t("common:choose")}</option>}
        {kecamatans.map((k) => (
          <optgroup key={k.name} label={t("groups:kecamatanLabel", { name: k.name })}>
            {k.villages.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {error ? (
        <p id="f-villageId-error" className="field-error" role="alert">
          {translate(error)}
        </p>
      ) : null}
    </div>
  );
}
