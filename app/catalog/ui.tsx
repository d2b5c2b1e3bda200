import { Link } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import { formatNumber, formatRupiah } from "~/i18n/format";
import { ProductPhoto } from "./photo";

export { photoSrc, ProductPhoto, ProductStatusBadge } from "./photo";


export type CardProduct = {
  slug: string;
  name: string;
  priceRupiah: number;
  unit: string;
  weeklyCapacity: number;
  groupName?: string;
  groupSlug?: string;
  groupType?: string;
  kecamatan?: string;
  certs?: string[];
  photo: { key?: string; fileKey?: string; width: number; height: number } | null;
};

export function ProductCard({ product, eager = false }: { product: CardProduct; eager?: boolean }) {
  const { t } = useTranslation();
  return (
    <li className="card flex flex-col gap-2 overflow-hidden p-0" data-testid="product-card">
      <Link to={`/products/${product.slug}`} className="block" tabIndex={-1} aria-hidden="true">
        <ProductPhoto photo={product.photo} alt="" eager={eager} className="aspect-[4/3]" />
      </Link>
      <div className="space-y-1 px-3 pb-3">
        <Link to={`/products/${product.slug}`} className="font-semibold leading-tight">
          {product.name}
        </Link>
        <p className="text-sm font-semibold text-brand-800">
          {t("catalog:pricePerUnit", { price: formatRupiah(product.priceRupiah), unit: t(`catalog:unit.${product.unit}`) })}
        </p>
        {product.groupName ? (
          <p className="text-xs text-stone-600">
            {product.groupName}
            {product.kecamatan ? ` · ${product.kecamatan}` : ""}
          </p>
        ) : null}
        <p className="text-xs text-stone-500">{t("catalog:capacityPerWeek", { count: product.weeklyCapacity, value: formatNumber(product.weeklyCapacity), unit: t(`catalog:unit.${product.unit}`) })}</p>
        {product.certs?.length ? (
          <ul className="flex flex-wrap gap-1">
            {product.certs
              .filter((c) => c === "HALAL" || c === "PIRT")
              .map((c) => (
                <li key={c} className="badge bg-green-100 text-green-800">
                  {t(`catalog:certKind.${c}`)}
                </li>
              ))}
          </ul>
        ) : null}
      </div>
    </li>
  );
}

/** WhatsApp share (wa.me with a prefilled message) and copy-link; both work as plain links without JS. */
export function ShareButtons({ url, text }: { url: string; text: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const wa = `https://wa.me/?text=${encodeURIComponent(`${text} ${url}`)}`;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="share">
      <a href={wa} target="_blank" rel="noopener noreferrer" className="btn-secondary btn-small" data-testid="share-whatsapp">
        {t("catalog:share.whatsapp")}
      </a>
      <a
        href={url}
        className="btn-secondary btn-small"
        data-testid="share-copy"
        data-copy-link=""
        data-copied={t("catalog:share.copied")}
        onClick={(event) => {
          if (!navigator.clipboard) return;
          event.preventDefault();
          navigator.clipboard.writeText(url).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? t("catalog:share.copied") : t("catalog:share.copy")}
      </a>
    </div>
  );
}
