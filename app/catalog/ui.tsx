import { Link } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import { formatNumber, formatRupiah } from "~/i18n/format";

/** Same widths as PHOTO_SIZES in photos.server.ts (kept here so this module stays client-safe). */
const SMALL = 480;

export function photoSrc(key: string, size: "sm" | "lg") {
  return `/media/products/${key}-${size}.webp`;
}

function fit(width: number, height: number, max: number) {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/** A product photo with its intrinsic size set (no layout shift) and lazy loading below the fold. */
export function ProductPhoto({
  photo,
  alt,
  size = "sm",
  eager = false,
  priority = false,
  className = "",
}: {
  photo: { key?: string; fileKey?: string; width: number; height: number } | null;
  alt: string;
  size?: "sm" | "lg";
  eager?: boolean;
  /** the page's main photo (its largest paint): fetched first, before the scripts and the other photos */
  priority?: boolean;
  className?: string;
}) {
  const { t } = useTranslation();
  if (!photo) {
    return (
      <div className={`flex aspect-[4/3] items-center justify-center bg-stone-100 text-xs text-stone-400 ${className}`} role="img" aria-label={t("catalog:noPhoto")}>
        {t("catalog:noPhoto")}
      </div>
    );
  }
  const key = photo.key ?? photo.fileKey!;
  const dims = size === "sm" ? fit(photo.width, photo.height, SMALL) : { width: photo.width, height: photo.height };
  return (
    <img
      src={photoSrc(key, size)}
      srcSet={size === "lg" ? `${photoSrc(key, "sm")} ${dims.width >= SMALL ? SMALL : dims.width}w, ${photoSrc(key, "lg")} ${photo.width}w` : undefined}
      sizes={size === "lg" ? "(max-width: 640px) 100vw, 640px" : undefined}
      width={dims.width}
      height={dims.height}
      alt={alt}
      loading={eager || priority ? "eager" : "lazy"}
      decoding={priority ? "sync" : "async"}
      // React 18 knows no fetchPriority prop; the lowercase attribute passes through as it is.
      {...(priority ? { fetchpriority: "high" } : {})}
      className={`h-auto w-full bg-stone-100 object-cover ${className}`}
    />
  );
}

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

const STATUS_TONES: Record<string, string> = {
  ACTIVE: "bg-green-100 text-green-800",
  PAUSED: "bg-amber-100 text-amber-900",
  ARCHIVED: "bg-stone-200 text-stone-700",
};

export function ProductStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${STATUS_TONES[status] ?? ""}`} data-status={status}>
      {t(`catalog:status.${status}`)}
    </span>
  );
}
