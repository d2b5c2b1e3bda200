/**
 * Demo seed, catalogue step (after foundation): a generated photo card for every demo product (two for
 * the demo group's products) so the catalogue looks real, then the built-in search index is filled.
 * Photos go through the same pipeline as uploads (validate, re-encode to WebP at two sizes).
 */
import sharp from "sharp";
import { storePhoto } from "../../app/catalog/photos.server";
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { SeedContext } from "./foundation";
import { rebuildSeedSearchIndex } from "./search-index";

const COLOURS: Record<string, [string, string]> = {
  "kue-basah": ["#166534", "#bbf7d0"],
  "roti-kue-kering": ["#92400e", "#fde68a"],
  "makanan-ringan": ["#b45309", "#fed7aa"],
  "minuman-kopi": ["#44403c", "#e7e5e4"],
  "telur-olahan": ["#1e40af", "#bfdbfe"],
  "bumbu-sayur": ["#9f1239", "#fecdd3"],
  "kerajinan-anyaman": ["#713f12", "#fef3c7"],
  "sabun-kebersihan": ["#0e7490", "#cffafe"],
  jasa: ["#5b21b6", "#ddd6fe"],
};

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Splits a name into at most three lines of about 16 characters. */
function lines(text: string, width = 16): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && (line + " " + word).length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.slice(0, 3);
}

export async function productCard(name: string, groupName: string, category: string, variant = 0): Promise<Buffer> {
  const [dark, light] = COLOURS[category] ?? ["#166534", "#dcfce7"];
  const [bg, fg] = variant % 2 === 0 ? [light, dark] : [dark, light];
  const title = lines(name)
    .map((l, i) => `<text x="40" y="${190 + i * 62}" font-family="DejaVu Sans, sans-serif" font-size="54" font-weight="bold" fill="${fg}">${escapeXml(l)}</text>`)
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600">
    <rect width="800" height="600" fill="${bg}"/>
    <circle cx="${680 - variant * 60}" cy="110" r="150" fill="${fg}" opacity="0.12"/>
    <circle cx="90" cy="560" r="120" fill="${fg}" opacity="0.10"/>
    ${title}
    <text x="40" y="540" font-family="DejaVu Sans, sans-serif" font-size="28" fill="${fg}" opacity="0.85">${escapeXml(groupName)}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

export async function seedCatalog(db: PrismaClient, ctx: SeedContext): Promise<void> {
  const demoGroup = ctx.groups[ctx.demoGroupSlug];
  const rows: { productId: string; fileKey: string; width: number; height: number; sortOrder: number }[] = [];
  if (process.env.SEED_PHOTOS !== "0") {
    for (const product of Object.values(ctx.products)) {
      const group = ctx.groups[product.groupSlug];
      const count = product.groupSlug === demoGroup?.slug ? 2 : 1;
      for (let i = 0; i < count; i++) {
        const stored = await storePhoto(await productCard(product.name, group?.name ?? "", product.categorySlug, i));
        rows.push({ productId: product.id, ...stored, sortOrder: i });
      }
    }
    await db.productPhoto.createMany({ data: rows });
  }
  const indexed = await rebuildSeedSearchIndex(db);
  console.log(`seed: catalog: ${rows.length} product photos, ${indexed ?? "no"} products in the built-in search index`);
}
