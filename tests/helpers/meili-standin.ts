/**
 * ┌───────────────────────────────────────────────────────────────────────────┐
 * │ STAND-IN, NOT MEILISEARCH. No Meilisearch server can be installed on our  │
 * │ machines, so the Meilisearch backend is tested against this loopback HTTP │
 * │ server that implements only the endpoints the backend uses, with a small, │
 * │ independent approximation of Meilisearch's matching (words, prefix on the │
 * │ last word, typos by edit distance per the index's typoTolerance settings, │
 * │ synonyms and stop words from the settings), filters, sort, facets, pages. │
 * │ Real relevance ranking of Meilisearch is NOT reproduced.                  │
 * └───────────────────────────────────────────────────────────────────────────┘
 * Endpoints: GET /health, GET|DELETE /indexes/:uid, POST /indexes, PATCH /indexes/:uid/settings,
 * POST /indexes/:uid/documents, POST /indexes/:uid/documents/delete-batch, POST /indexes/:uid/search,
 * GET /tasks/:uid, POST /swap-indexes. Set `down = true` to answer every request with 503.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type Doc = Record<string, unknown>;
type Settings = {
  searchableAttributes?: string[];
  synonyms?: Record<string, string[]>;
  stopWords?: string[];
  typoTolerance?: { minWordSizeForTypos?: { oneTypo?: number; twoTypos?: number } };
  [key: string]: unknown;
};
type Index = { uid: string; primaryKey: string; docs: Map<string, Doc>; settings: Settings };

export type StandIn = {
  url: string;
  indexes: Map<string, Index>;
  /** every request as "METHOD /path" */
  requests: string[];
  down: boolean;
  close(): Promise<void>;
};

const words = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function read(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(text ? JSON.parse(text) : null);
      } catch (error) {
        reject(error);
      }
    });
    req.on("error", reject);
  });
}

function matchFilter(doc: Doc, expr: string): boolean {
  const m = /^(\w+)\s*(=|>=|<=|>|<)\s*(.+)$/.exec(expr.trim());
  if (!m) throw new Error(`stand-in cannot parse filter ${expr}`);
  const [, attr, op, rawValue] = m;
  const value = rawValue.startsWith('"') ? JSON.parse(rawValue) : Number(rawValue);
  const field = doc[attr];
  if (op === "=") return Array.isArray(field) ? field.includes(value) : field === value;
  const n = Number(field);
  return op === ">=" ? n >= value : op === "<=" ? n <= value : op === ">" ? n > value : n < value;
}

function search(index: Index, body: Record<string, unknown>) {
  const settings = index.settings;
  const stop = new Set(settings.stopWords ?? []);
  const one = settings.typoTolerance?.minWordSizeForTypos?.oneTypo ?? 5;
  const two = settings.typoTolerance?.minWordSizeForTypos?.twoTypos ?? 9;
  const attributes = settings.searchableAttributes ?? ["*"];
  const q = words(String(body.q ?? "")).filter((w) => !stop.has(w));
  // Query alternatives: the words as typed, plus each synonym phrase substituted.
  const alternatives: string[][] = [q];
  const joined = ` ${q.join(" ")} `;
  for (const [term, equivalents] of Object.entries(settings.synonyms ?? {})) {
    if (!joined.includes(` ${term} `)) continue;
    for (const eq of equivalents) alternatives.push(words(joined.replace(` ${term} `, ` ${eq} `)));
  }
  const wordMatches = (queryWord: string, docWord: string, last: boolean) => {
    if (queryWord === docWord) return 0;
    if (last && docWord.startsWith(queryWord)) return 0;
    const allowed = queryWord.length >= two ? 2 : queryWord.length >= one ? 1 : 0;
    if (allowed === 0) return -1;
    const dist = levenshtein(queryWord, last ? docWord.slice(0, Math.max(queryWord.length, Math.min(docWord.length, queryWord.length + allowed))) : docWord);
    const full = levenshtein(queryWord, docWord);
    const best = Math.min(dist, full);
    return best <= allowed ? best : -1;
  };
  type Scored = { doc: Doc; typos: number; nameHits: number };
  const scored: Scored[] = [];
  for (const doc of index.docs.values()) {
    if (Array.isArray(body.filter) && !(body.filter as string[]).every((f) => matchFilter(doc, f))) continue;
    if (q.length === 0) {
      scored.push({ doc, typos: 0, nameHits: 0 });
      continue;
    }
    const fields = attributes.map((a) => words(String(doc[a] ?? "")));
    let best: Scored | null = null;
    for (const alt of alternatives) {
      let typos = 0;
      let nameHits = 0;
      let ok = true;
      alt.forEach((w, i) => {
        if (!ok) return;
        const last = i === alt.length - 1;
        let found = -1;
        fields.forEach((fieldWords, f) => {
          for (const dw of fieldWords) {
            const t = wordMatches(w, dw, last);
            if (t >= 0 && (found < 0 || t < found)) found = t;
            if (t >= 0 && f === 0) nameHits++;
          }
        });
        if (found < 0) ok = false;
        else typos += found;
      });
      if (ok && (!best || typos < best.typos)) best = { doc, typos, nameHits };
    }
    if (best) scored.push(best);
  }
  const sort = (body.sort as string[] | undefined) ?? [];
  scored.sort((a, b) => {
    for (const s of sort) {
      const [attr, dir] = s.split(":");
      const d = Number(a.doc[attr]) - Number(b.doc[attr]);
      if (d !== 0) return dir === "desc" ? -d : d;
    }
    return a.typos - b.typos || b.nameHits - a.nameHits || Number(b.doc.createdAtMs) - Number(a.doc.createdAtMs);
  });
  const facetDistribution: Record<string, Record<string, number>> = {};
  for (const facet of (body.facets as string[] | undefined) ?? []) {
    const counts: Record<string, number> = {};
    for (const { doc } of scored) {
      const v = doc[facet];
      for (const value of Array.isArray(v) ? v : [v]) if (value != null) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
    }
    facetDistribution[facet] = counts;
  }
  const hitsPerPage = Number(body.hitsPerPage ?? 20);
  const page = Number(body.page ?? 1);
  return {
    hits: scored.slice((page - 1) * hitsPerPage, page * hitsPerPage).map((s) => s.doc),
    query: body.q ?? "",
    processingTimeMs: 0,
    hitsPerPage,
    page,
    totalHits: scored.length,
    totalPages: Math.ceil(scored.length / hitsPerPage),
    facetDistribution,
  };
}

export async function startMeiliStandIn(): Promise<StandIn> {
  const indexes = new Map<string, Index>();
  const tasks = new Map<number, Record<string, unknown>>();
  let nextTask = 0;
  const requests: string[] = [];
  const state = { down: false };

  const task = (type: string, indexUid: string | null) => {
    const uid = nextTask++;
    const now = new Date().toISOString();
    tasks.set(uid, { uid, indexUid, status: "succeeded", type, enqueuedAt: now, startedAt: now, finishedAt: now, duration: "PT0S", details: {}, error: null, canceledBy: null, batchUid: uid });
    return { taskUid: uid, indexUid, status: "enqueued", type, enqueuedAt: now };
  };
  const notFound = (res: ServerResponse, uid: string) =>
    send(res, 404, { message: `Index \`${uid}\` not found.`, code: "index_not_found", type: "invalid_request", link: "https://docs.meilisearch.com/errors#index_not_found" });
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    requests.push(`${req.method} ${path}`);
    if (state.down) return send(res, 503, { message: "stand-in is down", code: "unavailable", type: "system", link: "" });
    try {
      const body = await read(req);
      let m: RegExpExecArray | null;
      if (req.method === "GET" && path === "/health") return send(res, 200, { status: "available" });
      if (req.method === "POST" && path === "/indexes") {
        const { uid, primaryKey } = body as { uid: string; primaryKey?: string };
        if (!indexes.has(uid)) indexes.set(uid, { uid, primaryKey: primaryKey ?? "id", docs: new Map(), settings: {} });
        return send(res, 202, task("indexCreation", uid));
      }
      if (req.method === "POST" && path === "/swap-indexes") {
        for (const { indexes: [a, b] } of body as { indexes: [string, string] }[]) {
          const ia = indexes.get(a);
          const ib = indexes.get(b);
          if (!ia || !ib) return notFound(res, ia ? b : a);
          indexes.set(a, { ...ib, uid: a });
          indexes.set(b, { ...ia, uid: b });
        }
        return send(res, 202, task("indexSwap", null));
      }
      if ((m = /^\/tasks\/(\d+)$/.exec(path)) && req.method === "GET") {
        const t = tasks.get(Number(m[1]));
        return t ? send(res, 200, t) : send(res, 404, { message: "task not found", code: "task_not_found", type: "invalid_request", link: "" });
      }
      if ((m = /^\/indexes\/([^/]+)(\/.*)?$/.exec(path))) {
        const uid = decodeURIComponent(m[1]);
        const rest = m[2] ?? "";
        const index = indexes.get(uid);
        if (rest === "" && req.method === "GET") {
          return index ? send(res, 200, { uid, primaryKey: index.primaryKey, createdAt: "", updatedAt: "" }) : notFound(res, uid);
        }
        if (rest === "" && req.method === "DELETE") {
          if (!index) return notFound(res, uid);
          indexes.delete(uid);
          return send(res, 202, task("indexDeletion", uid));
        }
        if (!index) return notFound(res, uid);
        if (rest === "/settings" && req.method === "PATCH") {
          index.settings = { ...index.settings, ...(body as Settings) };
          return send(res, 202, task("settingsUpdate", uid));
        }
        if (rest === "/settings" && req.method === "GET") return send(res, 200, index.settings);
        if (rest === "/documents" && req.method === "POST") {
          const key = url.searchParams.get("primaryKey") ?? index.primaryKey;
          for (const doc of body as Doc[]) index.docs.set(String(doc[key]), doc);
          return send(res, 202, task("documentAdditionOrUpdate", uid));
        }
        if (rest === "/documents/delete-batch" && req.method === "POST") {
          for (const id of body as string[]) index.docs.delete(String(id));
          return send(res, 202, task("documentDeletion", uid));
        }
        if (rest === "/search" && req.method === "POST") return send(res, 200, search(index, body as Record<string, unknown>));
      }
      return send(res, 404, { message: `stand-in does not implement ${req.method} ${path}`, code: "not_implemented", type: "invalid_request", link: "" });
    } catch (error) {
      return send(res, 400, { message: String(error), code: "bad_request", type: "invalid_request", link: "" });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    indexes,
    requests,
    get down() {
      return state.down;
    },
    set down(v: boolean) {
      state.down = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
