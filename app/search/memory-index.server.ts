/**
 * The built-in search's in-memory index (issue 14 target 1, decision 112). Each web process keeps the
 * searchable products of the SQLite index tables (`search_product`, `search_product_fts`) in typed arrays:
 *  - one column per filter and facet (category, group type, kecamatan bit set, certification bits, price,
 *    capacity, creation time);
 *  - postings per token (documents, occurrences in the name, FTS5-weighted occurrences name 10 / category
 *    words 4 / description+group 1) and the token sequence of each column (for multi-word phrases);
 * and answers a query by walking only the postings of the query's words, counting facets from the columns
 * and keeping the top `page × pageSize` hits in a heap, instead of ranking and counting every match in SQL.
 *
 * Same answers as the FTS5 SQL (`fts5SearchSql`, kept as the reference and tested against this):
 * the same MATCH expression (every word as a prefix, typo variants, synonym phrases), the same ranking rules
 * and FTS5's own bm25 formula (k1 1.2, b 0.75, IDF over the whole table, column weights 10/4/1).
 *
 * Kept current across processes: every index write (`fts5Upsert`) logs the touched rowids in `search_log`
 * in the writer's transaction; a rebuild changes `search_meta.generation`. A process notices a commit by
 * any connection through `PRAGMA data_version` and then reads only the new log rows: touched rowids are
 * masked in the main segment and re-read into a small delta segment; when the delta grows past
 * DELTA_MAX, or the generation changed, or the log was pruned past it, the process reloads everything.
 */
import type Database from "better-sqlite3";

export type Phrase = { tokens: string[]; prefix: boolean };
/** OR of alternatives; each alternative an AND of clauses; each clause an OR of phrases (FTS5's phrase order). */
export type MatchPlan = Phrase[][][];

export type RankTerm = { word: string; typos: string[] };
export type MemoryQuery = {
  plan: MatchPlan | null;
  /** terms for ranking rules 1–2 (only used for relevance with a text) */
  terms: RankTerm[];
  category?: string;
  kecamatan?: string;
  groupType?: string;
  cert?: string;
  minPrice?: number;
  maxPrice?: number;
  minCapacity?: number;
  sort: "relevance" | "price_asc" | "price_desc" | "newest";
  /** how many of the best hits to return (page × pageSize) */
  limit: number;
};
export type MemoryCounts = {
  total: number;
  category: Map<string, number>;
  kecamatan: Map<string, number>;
  groupType: Map<string, number>;
  cert: Map<string, number>;
};
export type MemoryAnswer = MemoryCounts & { rowids: number[] };

const K1 = 1.2;
const B = 0.75;
const WEIGHTS = [10, 4, 1];
const DELTA_MAX = 2_000;

type Row = [number, string, string, string, string, number, number, number, string | null, string | null, string | null];

/** Global dictionaries of the facet values (append-only; a segment stores indexes into them). */
class Dict {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
  find(value: string): number {
    return this.index.get(value) ?? -1;
  }
}

type Dicts = { category: Dict; groupType: Dict; kecamatan: Dict; cert: Dict };

/** An immutable batch of documents with its own token dictionary and postings. */
class Segment {
  readonly n: number;
  readonly rowid: Int32Array;
  readonly category: Uint16Array;
  readonly groupType: Uint8Array;
  readonly areaWords: number;
  readonly areas: Uint32Array;
  readonly certs: Uint32Array;
  readonly price: Float64Array;
  readonly capacity: Float64Array;
  readonly created: Float64Array;
  readonly docLen: Float64Array;
  /** token ids per doc and column: seq[seqStart[d*3+c] .. seqStart[d*3+c+1]) */
  readonly seq: Int32Array;
  readonly seqStart: Int32Array;
  /** sorted token strings and their ids */
  readonly sortedTokens: string[];
  readonly sortedIds: Int32Array;
  readonly tokenId = new Map<string, number>();
  readonly postStart: Int32Array;
  readonly postDoc: Int32Array;
  readonly postName: Uint16Array;
  readonly postWeighted: Float64Array;
  readonly dead: Uint8Array;
  readonly byRowid = new Map<number, number>();
  live: number;
  liveTokens: number;
  // scratch, reused by every query (a query runs synchronously from start to end)
  readonly stampA: Int32Array;
  readonly stampB: Int32Array;
  readonly matched: Int32Array;
  readonly count: Uint16Array;
  readonly exact: Uint16Array;
  readonly inName: Uint16Array;
  readonly score: Float64Array;
  readonly acc: Float64Array;
  readonly touched: Int32Array;
  readonly candidates: Int32Array;
  stamp = 0;
  /** documents in display order per sort (computed on first use) */
  private orders = new Map<string, Int32Array>();
  /** facet counts of every live document (no filter), dropped when a document dies */
  allCounts: Counts | null = null;

  constructor(rows: Row[], dicts: Dicts) {
    const n = (this.n = rows.length);
    this.rowid = new Int32Array(n);
    this.category = new Uint16Array(n);
    this.groupType = new Uint8Array(n);
    this.certs = new Uint32Array(n);
    this.price = new Float64Array(n);
    this.capacity = new Float64Array(n);
    this.created = new Float64Array(n);
    this.docLen = new Float64Array(n);
    const areaLists: number[][] = new Array(n);
    const tokenLists: number[][][] = new Array(n);
    const names: string[] = [];
    let totalTokens = 0;
    for (let d = 0; d < n; d++) {
      const [rowid, category, groupType, areas, certs, price, capacity, created, ftsName, ftsCategory, ftsBody] = rows[d];
      this.rowid[d] = rowid;
      this.byRowid.set(rowid, d);
      this.category[d] = dicts.category.id(category);
      this.groupType[d] = dicts.groupType.id(groupType);
      areaLists[d] = areas.split("|").filter(Boolean).map((a) => dicts.kecamatan.id(a));
      let certBits = 0;
      for (const c of certs.split("|")) if (c) certBits |= 1 << Math.min(31, dicts.cert.id(c));
      this.certs[d] = certBits;
      this.price[d] = price;
      this.capacity[d] = capacity;
      this.created[d] = created;
      const cols = [ftsName, ftsCategory, ftsBody].map((text) => {
        const ids: number[] = [];
        if (text) {
          for (const token of text.split(" ")) {
            if (!token) continue;
            let id = this.tokenId.get(token);
            if (id === undefined) {
              id = names.length;
              names.push(token);
              this.tokenId.set(token, id);
            }
            ids.push(id);
          }
        }
        return ids;
      });
      tokenLists[d] = cols;
      const len = cols[0].length + cols[1].length + cols[2].length;
      this.docLen[d] = len;
      totalTokens += len;
    }
    this.live = n;
    this.liveTokens = totalTokens;
    this.areaWords = Math.max(1, Math.ceil(dicts.kecamatan.values.length / 32));
    this.areas = new Uint32Array(n * this.areaWords);
    for (let d = 0; d < n; d++) for (const k of areaLists[d]) this.areas[d * this.areaWords + (k >>> 5)] |= 1 << (k & 31);

    // token sequences
    this.seq = new Int32Array(totalTokens);
    this.seqStart = new Int32Array(n * 3 + 1);
    let at = 0;
    for (let d = 0; d < n; d++) {
      for (let c = 0; c < 3; c++) {
        this.seqStart[d * 3 + c] = at;
        for (const id of tokenLists[d][c]) this.seq[at++] = id;
      }
    }
    this.seqStart[n * 3] = at;

    // postings (CSR by token id): first count distinct (token, doc) pairs, then fill in doc order
    const T = names.length;
    const last = new Int32Array(T).fill(-1);
    const sizes = new Int32Array(T + 1);
    for (let d = 0; d < n; d++) {
      for (let i = this.seqStart[d * 3]; i < this.seqStart[d * 3 + 3]; i++) {
        const t = this.seq[i];
        if (last[t] !== d) {
          last[t] = d;
          sizes[t]++;
        }
      }
    }
    this.postStart = new Int32Array(T + 1);
    for (let t = 0; t < T; t++) this.postStart[t + 1] = this.postStart[t] + sizes[t];
    const entries = this.postStart[T];
    this.postDoc = new Int32Array(entries);
    this.postName = new Uint16Array(entries);
    this.postWeighted = new Float64Array(entries);
    const cursor = this.postStart.slice(0, T);
    const slot = new Int32Array(T);
    last.fill(-1);
    for (let d = 0; d < n; d++) {
      for (let c = 0; c < 3; c++) {
        for (let i = this.seqStart[d * 3 + c]; i < this.seqStart[d * 3 + c + 1]; i++) {
          const t = this.seq[i];
          if (last[t] !== d) {
            last[t] = d;
            slot[t] = cursor[t]++;
            this.postDoc[slot[t]] = d;
          }
          if (c === 0) this.postName[slot[t]]++;
          this.postWeighted[slot[t]] += WEIGHTS[c];
        }
      }
    }
    const order = names.map((_, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
    this.sortedTokens = order.map((i) => names[i]);
    this.sortedIds = Int32Array.from(order);

    this.dead = new Uint8Array(n);
    this.stampA = new Int32Array(n);
    this.stampB = new Int32Array(n);
    this.matched = new Int32Array(n);
    this.count = new Uint16Array(n);
    this.exact = new Uint16Array(n);
    this.inName = new Uint16Array(n);
    this.score = new Float64Array(n);
    this.acc = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.candidates = new Int32Array(n);
  }

  /** all documents in the order of `sort` without a text (newest first; price with newest breaking ties) */
  orderFor(sort: MemoryQuery["sort"]): Int32Array {
    const key = sort === "price_asc" || sort === "price_desc" ? sort : "newest";
    let order = this.orders.get(key);
    if (!order) {
      const cmp = plainComparator(sort);
      const docs = Array.from({ length: this.n }, (_, i) => i);
      docs.sort((a, b) => cmp(this, a, this, b));
      order = Int32Array.from(docs);
      this.orders.set(key, order);
    }
    return order;
  }

  nextStamp(): number {
    if (this.stamp > 2_000_000_000) {
      this.stamp = 0;
      this.stampA.fill(0);
      this.stampB.fill(0);
      this.matched.fill(0);
    }
    return ++this.stamp;
  }

  kill(d: number) {
    if (this.dead[d]) return;
    this.dead[d] = 1;
    this.allCounts = null;
    this.live--;
    this.liveTokens -= this.docLen[d];
  }

  /** token ids whose token starts with `prefix` (binary search over the sorted tokens) */
  prefixRange(prefix: string): [number, number] {
    const tokens = this.sortedTokens;
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (tokens[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < tokens.length && tokens[end].startsWith(prefix)) end++;
    return [lo, end];
  }

  /** The documents of one phrase with their weighted frequencies (aligned arrays; order unspecified). */
  phraseHits(phrase: Phrase): { docs: Int32Array; freq: Float64Array } {
    const empty = { docs: new Int32Array(0), freq: new Float64Array(0) };
    if (phrase.tokens.length === 0) return empty;
    if (phrase.tokens.length === 1) {
      if (!phrase.prefix) {
        const t = this.tokenId.get(phrase.tokens[0]);
        if (t === undefined) return empty;
        return { docs: this.postDoc.subarray(this.postStart[t], this.postStart[t + 1]), freq: this.postWeighted.subarray(this.postStart[t], this.postStart[t + 1]) };
      }
      const [lo, hi] = this.prefixRange(phrase.tokens[0]);
      if (lo === hi) return empty;
      if (hi - lo === 1) {
        const t = this.sortedIds[lo];
        return { docs: this.postDoc.subarray(this.postStart[t], this.postStart[t + 1]), freq: this.postWeighted.subarray(this.postStart[t], this.postStart[t + 1]) };
      }
      const stamp = this.nextStamp();
      let m = 0;
      for (let r = lo; r < hi; r++) {
        const t = this.sortedIds[r];
        for (let p = this.postStart[t]; p < this.postStart[t + 1]; p++) {
          const d = this.postDoc[p];
          if (this.stampA[d] !== stamp) {
            this.stampA[d] = stamp;
            this.acc[d] = 0;
            this.touched[m++] = d;
          }
          this.acc[d] += this.postWeighted[p];
        }
      }
      const docs = this.touched.slice(0, m);
      const freq = new Float64Array(m);
      for (let i = 0; i < m; i++) freq[i] = this.acc[docs[i]];
      return { docs, freq };
    }
    // several words: adjacent tokens in one column (no prefix: synonym phrases are whole words)
    const ids = phrase.tokens.map((t) => this.tokenId.get(t));
    if (ids.some((id) => id === undefined)) return empty;
    const first = ids[0]!;
    const docs: number[] = [];
    const freq: number[] = [];
    for (let p = this.postStart[first]; p < this.postStart[first + 1]; p++) {
      const d = this.postDoc[p];
      let f = 0;
      for (let c = 0; c < 3; c++) {
        const end = this.seqStart[d * 3 + c + 1];
        for (let i = this.seqStart[d * 3 + c]; i + ids.length <= end; i++) {
          let ok = true;
          for (let j = 0; j < ids.length; j++) {
            if (this.seq[i + j] !== ids[j]) {
              ok = false;
              break;
            }
          }
          if (ok) f += WEIGHTS[c];
        }
      }
      if (f > 0) {
        docs.push(d);
        freq.push(f);
      }
    }
    return { docs: Int32Array.from(docs), freq: Float64Array.from(freq) };
  }

  /** Marks `exact`/`inName` of matched docs (stamp) whose name has a word starting with one of `words`. */
  nameRule(words: string[], target: Uint16Array, matchedStamp: number) {
    const stamp = this.nextStamp();
    for (const w of words) {
      const [lo, hi] = this.prefixRange(w);
      for (let r = lo; r < hi; r++) {
        const t = this.sortedIds[r];
        for (let p = this.postStart[t]; p < this.postStart[t + 1]; p++) {
          if (this.postName[p] === 0) continue;
          const d = this.postDoc[p];
          if (this.matched[d] !== matchedStamp || this.stampB[d] === stamp) continue;
          this.stampB[d] = stamp;
          target[d]++;
        }
      }
    }
  }
}

type Filter = {
  category: number;
  groupType: number;
  kecamatan: number;
  certBit: number;
  minPrice: number;
  maxPrice: number;
  minCapacity: number;
  impossible: boolean;
};

export class MemoryIndex {
  private dicts: Dicts = { category: new Dict(), groupType: new Dict(), kecamatan: new Dict(), cert: new Dict() };
  private main: Segment | null = null;
  private delta: Segment | null = null;
  private touched = new Set<number>();
  private generation: string | null = null;
  private lastSeq = 0;
  /** how many full loads this process did (tests, bench) */
  loads = 0;

  constructor(private readonly db: Database.Database) {}

  /** documents in the delta segment (changed since the last full load) */
  get deltaSize(): number {
    return this.delta?.n ?? 0;
  }

  /** Forgets everything (the next query loads the index again). */
  reset() {
    this.main = null;
    this.delta = null;
    this.touched.clear();
    this.generation = null;
  }

  /** Brings the index up to date with the tables (call when data_version moved, or before the first query). */
  refresh() {
    const generation = (this.db.prepare(`SELECT value FROM search_meta WHERE key = 'generation'`).pluck().get() as string | undefined) ?? "";
    const { maxSeq, minSeq } = this.db.prepare(`SELECT coalesce(max(seq), 0) AS maxSeq, coalesce(min(seq), 0) AS minSeq FROM search_log`).get() as { maxSeq: number; minSeq: number };
    if (!this.main || generation !== this.generation || (maxSeq > this.lastSeq && minSeq > this.lastSeq + 1) || maxSeq < this.lastSeq) {
      this.load(generation, maxSeq);
      return;
    }
    if (maxSeq === this.lastSeq) return;
    const rids = this.db.prepare(`SELECT rid FROM search_log WHERE seq > ? AND seq <= ?`).pluck().all(this.lastSeq, maxSeq) as number[];
    for (const rid of rids) this.touched.add(rid);
    this.lastSeq = maxSeq;
    if (this.touched.size > DELTA_MAX) {
      this.load(generation, maxSeq);
      return;
    }
    const main = this.main;
    for (const rid of rids) {
      const d = main.byRowid.get(rid);
      if (d !== undefined) main.kill(d);
    }
    const ids = [...this.touched];
    const rows: Row[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      rows.push(...this.readRows(`WHERE p.rowid IN (${chunk.map(() => "?").join(",")})`, chunk));
    }
    rows.sort((a, b) => a[0] - b[0]);
    this.delta = rows.length ? new Segment(rows, this.dicts) : null;
  }

  private readRows(where: string, params: number[]): Row[] {
    return this.db
      .prepare(
        `SELECT p.rowid, p.category, p.group_type, p.areas, p.certs, p.price, p.capacity, p.created, f.name, f.category, f.body
           FROM search_product p LEFT JOIN search_product_fts f ON f.rowid = p.rowid ${where} ORDER BY p.rowid`,
      )
      .raw()
      .all(...params) as Row[];
  }

  private load(generation: string, maxSeq: number) {
    this.dicts = { category: new Dict(), groupType: new Dict(), kecamatan: new Dict(), cert: new Dict() };
    // Read the filter table and the FTS content separately (one scan each) and zip them by rowid.
    const rows = this.db
      .prepare(`SELECT rowid, category, group_type, areas, certs, price, capacity, created FROM search_product ORDER BY rowid`)
      .raw()
      .all() as Row[];
    const texts = new Map<number, [string, string, string]>();
    for (const [rowid, name, category, body] of this.db.prepare(`SELECT rowid, name, category, body FROM search_product_fts`).raw().all() as [number, string, string, string][]) {
      texts.set(rowid, [name, category, body]);
    }
    for (const r of rows) {
      const t = texts.get(r[0]);
      r[8] = t?.[0] ?? null;
      r[9] = t?.[1] ?? null;
      r[10] = t?.[2] ?? null;
    }
    this.main = new Segment(rows, this.dicts);
    this.delta = null;
    this.touched.clear();
    this.generation = generation;
    this.lastSeq = maxSeq;
    this.loads++;
  }

  private filterOf(q: MemoryQuery): Filter {
    const f: Filter = { category: -1, groupType: -1, kecamatan: -1, certBit: 0, minPrice: -Infinity, maxPrice: Infinity, minCapacity: -Infinity, impossible: false };
    if (q.category !== undefined) {
      f.category = this.dicts.category.find(q.category);
      if (f.category < 0) f.impossible = true;
    }
    if (q.groupType !== undefined) {
      f.groupType = this.dicts.groupType.find(q.groupType);
      if (f.groupType < 0) f.impossible = true;
    }
    if (q.kecamatan !== undefined) {
      f.kecamatan = this.dicts.kecamatan.find(q.kecamatan);
      if (f.kecamatan < 0) f.impossible = true;
    }
    if (q.cert !== undefined) {
      const c = this.dicts.cert.find(q.cert);
      if (c < 0) f.impossible = true;
      else f.certBit = 1 << Math.min(31, c);
    }
    if (q.minPrice !== undefined) f.minPrice = q.minPrice;
    if (q.maxPrice !== undefined) f.maxPrice = q.maxPrice;
    if (q.minCapacity !== undefined) f.minCapacity = q.minCapacity;
    return f;
  }

  search(q: MemoryQuery): MemoryAnswer {
    if (!this.main) this.refresh();
    const segments = [this.main!, ...(this.delta ? [this.delta] : [])];
    const filter = this.filterOf(q);
    const counts = newCounts(this.dicts);
    const heap = new TopK(q.limit);
    const useText = q.plan !== null;

    // Phrase statistics over the whole index (FTS5 computes bm25's IDF over every row of the table).
    const flat = useText ? q.plan!.flat(2) : [];
    const distinct = new Map<string, Phrase>();
    for (const p of flat) distinct.set(phraseKey(p), p);
    const hitsBySegment = segments.map((s) => new Map([...distinct].map(([key, p]) => [key, s.phraseHits(p)])));
    let nRow = 0;
    let nTokens = 0;
    for (const s of segments) {
      nRow += s.live;
      nTokens += s.liveTokens;
    }
    const avgdl = nRow > 0 ? nTokens / nRow : 1;
    const idf = new Map<string, number>();
    for (const key of distinct.keys()) {
      let nHit = 0;
      segments.forEach((s, si) => {
        const { docs } = hitsBySegment[si].get(key)!;
        for (let i = 0; i < docs.length; i++) if (!s.dead[docs[i]]) nHit++;
      });
      let v = Math.log((nRow - nHit + 0.5) / (nHit + 0.5));
      if (v <= 0) v = 1e-6;
      idf.set(key, v);
    }

    segments.forEach((s, si) => {
      const hits = hitsBySegment[si];
      const matchedStamp = s.nextStamp();
      let candidates: Int32Array | null = null;
      let m = 0;
      if (useText) {
        // evaluate the expression: a doc matches an alternative when it is in every clause
        for (const alternative of q.plan!) {
          const altStamp = s.nextStamp();
          alternative.forEach((clause, ci) => {
            const clauseStamp = s.nextStamp();
            for (const phrase of clause) {
              const { docs } = hits.get(phraseKey(phrase))!;
              for (let i = 0; i < docs.length; i++) {
                const d = docs[i];
                if (s.stampB[d] === clauseStamp) continue;
                s.stampB[d] = clauseStamp;
                if (ci === 0) {
                  s.stampA[d] = altStamp;
                  s.count[d] = 1;
                } else if (s.stampA[d] === altStamp) s.count[d]++;
              }
            }
          });
          const lastClause = alternative[alternative.length - 1];
          for (const phrase of lastClause) {
            const { docs } = hits.get(phraseKey(phrase))!;
            for (let i = 0; i < docs.length; i++) {
              const d = docs[i];
              if (s.stampA[d] !== altStamp || s.count[d] !== alternative.length || s.matched[d] === matchedStamp) continue;
              if (s.dead[d] || !passes(s, d, filter)) {
                s.stampA[d] = 0;
                continue;
              }
              s.matched[d] = matchedStamp;
              s.score[d] = 0;
              s.exact[d] = 0;
              s.inName[d] = 0;
              s.candidates[m++] = d;
            }
          }
        }
        candidates = s.candidates;
      }
      if (filter.impossible) return;
      if (!useText) {
        if (isOpen(filter)) {
          s.allCounts ??= countAll(s);
          addCounts(counts, s.allCounts);
        } else {
          for (let d = 0; d < s.n; d++) if (!s.dead[d] && passes(s, d, filter)) take(counts, s, d);
        }
        // the first `limit` documents of this segment in display order are all it can contribute
        const cmp = plainComparator(q.sort);
        const order = s.orderFor(q.sort);
        let found = 0;
        for (let i = 0; i < order.length && found < q.limit; i++) {
          const d = order[i];
          if (s.dead[d] || !passes(s, d, filter)) continue;
          heap.offer(si, d, s, cmp);
          found++;
        }
        return;
      }
      for (let i = 0; i < m; i++) take(counts, s, candidates![i]);
      let cmp: Comparator;
      if (q.sort === "relevance") {
        // bm25 in FTS5's order of phrases and operations; rules 1–2 from the name postings
        for (const p of flat) {
          const key = phraseKey(p);
          const v = idf.get(key)!;
          const { docs, freq } = hits.get(key)!;
          for (let i = 0; i < docs.length; i++) {
            const d = docs[i];
            if (s.matched[d] !== matchedStamp) continue;
            const f = freq[i];
            s.score[d] += v * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * s.docLen[d]) / avgdl)));
          }
        }
        for (const t of q.terms) {
          s.nameRule([t.word], s.exact, matchedStamp);
          s.nameRule([t.word, ...t.typos], s.inName, matchedStamp);
        }
        cmp = relevanceComparator;
      } else cmp = plainComparator(q.sort);
      for (let i = 0; i < m; i++) heap.offer(si, candidates![i], s, cmp);
    });

    const toMap = (values: string[], n: Float64Array) => {
      const map = new Map<string, number>();
      values.forEach((v, i) => {
        if (n[i] > 0) map.set(v, n[i]);
      });
      return map;
    };
    return {
      total: counts.total,
      category: toMap(this.dicts.category.values, counts.cat),
      groupType: toMap(this.dicts.groupType.values, counts.gt),
      kecamatan: toMap(this.dicts.kecamatan.values, counts.kec),
      cert: toMap(this.dicts.cert.values, counts.cert),
      rowids: heap.sorted().map(([si, d]) => segments[si].rowid[d]),
    };
  }
}

type Counts = { total: number; cat: Float64Array; gt: Float64Array; kec: Float64Array; cert: Float64Array };

function newCounts(dicts: Dicts): Counts {
  return {
    total: 0,
    cat: new Float64Array(dicts.category.values.length),
    gt: new Float64Array(dicts.groupType.values.length),
    kec: new Float64Array(Math.max(32, dicts.kecamatan.values.length + 32)),
    cert: new Float64Array(32),
  };
}

function take(counts: Counts, s: Segment, d: number) {
  counts.total++;
  counts.cat[s.category[d]]++;
  counts.gt[s.groupType[d]]++;
  for (let w = 0; w < s.areaWords; w++) {
    let bits = s.areas[d * s.areaWords + w];
    while (bits) {
      const low = bits & -bits;
      counts.kec[w * 32 + 31 - Math.clz32(low)]++;
      bits ^= low;
    }
  }
  let c = s.certs[d];
  while (c) {
    const low = c & -c;
    counts.cert[31 - Math.clz32(low)]++;
    c ^= low;
  }
}

function countAll(s: Segment): Counts {
  const counts: Counts = { total: 0, cat: new Float64Array(65536), gt: new Float64Array(256), kec: new Float64Array(s.areaWords * 32), cert: new Float64Array(32) };
  for (let d = 0; d < s.n; d++) if (!s.dead[d]) take(counts, s, d);
  return counts;
}

function addCounts(into: Counts, from: Counts) {
  into.total += from.total;
  for (const k of ["cat", "gt", "kec", "cert"] as const) {
    const a = into[k];
    const b = from[k];
    for (let i = 0; i < a.length && i < b.length; i++) a[i] += b[i];
  }
}

/** no filter at all */
function isOpen(f: Filter): boolean {
  return !f.impossible && f.category < 0 && f.groupType < 0 && f.kecamatan < 0 && !f.certBit && f.minPrice === -Infinity && f.maxPrice === Infinity && f.minCapacity === -Infinity;
}

function phraseKey(p: Phrase): string {
  return `${p.tokens.join(" ")}${p.prefix ? "*" : ""}`;
}

function passes(s: Segment, d: number, f: Filter): boolean {
  if (f.impossible) return false;
  if (f.category >= 0 && s.category[d] !== f.category) return false;
  if (f.groupType >= 0 && s.groupType[d] !== f.groupType) return false;
  if (f.kecamatan >= 0) {
    const w = f.kecamatan >>> 5;
    if (w >= s.areaWords || (s.areas[d * s.areaWords + w] & (1 << (f.kecamatan & 31))) === 0) return false;
  }
  if (f.certBit && (s.certs[d] & f.certBit) === 0) return false;
  const price = s.price[d];
  if (price < f.minPrice || price > f.maxPrice) return false;
  if (s.capacity[d] < f.minCapacity) return false;
  return true;
}

/** negative when (sa, a) ranks before (sb, b) */
type Comparator = (sa: Segment, a: number, sb: Segment, b: number) => number;

const byNewest: Comparator = (sa, a, sb, b) => sb.created[b] - sa.created[a] || sb.rowid[b] - sa.rowid[a];
const relevanceComparator: Comparator = (sa, a, sb, b) =>
  sb.exact[b] - sa.exact[a] || sb.inName[b] - sa.inName[a] || sb.score[b] - sa.score[a] || byNewest(sa, a, sb, b);

function plainComparator(sort: MemoryQuery["sort"]): Comparator {
  switch (sort) {
    case "price_asc":
      return (sa, a, sb, b) => sa.price[a] - sb.price[b] || byNewest(sa, a, sb, b);
    case "price_desc":
      return (sa, a, sb, b) => sb.price[b] - sa.price[a] || byNewest(sa, a, sb, b);
    default:
      return byNewest;
  }
}

/** The best `limit` hits seen, as a binary heap with the worst kept hit at the root. */
class TopK {
  private readonly seg: Segment[] = [];
  private readonly segIndex: number[] = [];
  private readonly doc: number[] = [];
  private cmp: Comparator | null = null;
  constructor(private readonly limit: number) {}

  /** `cmp` must be the same for every offer of one query (per segment comparators are equal functions). */
  offer(si: number, d: number, s: Segment, cmp: Comparator) {
    if (this.limit <= 0) return;
    this.cmp = cmp;
    const n = this.doc.length;
    if (n < this.limit) {
      this.seg.push(s);
      this.segIndex.push(si);
      this.doc.push(d);
      this.up(n);
      return;
    }
    // keep it only if it ranks before the worst kept one
    if (cmp(s, d, this.seg[0], this.doc[0]) >= 0) return;
    this.seg[0] = s;
    this.segIndex[0] = si;
    this.doc[0] = d;
    this.down(0);
  }

  /** true when i must sit above j: i ranks after j */
  private worse(i: number, j: number): boolean {
    return this.cmp!(this.seg[i], this.doc[i], this.seg[j], this.doc[j]) > 0;
  }

  private swap(i: number, j: number) {
    [this.seg[i], this.seg[j]] = [this.seg[j], this.seg[i]];
    [this.segIndex[i], this.segIndex[j]] = [this.segIndex[j], this.segIndex[i]];
    [this.doc[i], this.doc[j]] = [this.doc[j], this.doc[i]];
  }

  private up(i: number) {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number) {
    const n = this.doc.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < n && this.worse(l, top)) top = l;
      if (r < n && this.worse(r, top)) top = r;
      if (top === i) break;
      this.swap(i, top);
      i = top;
    }
  }

  /** best first */
  sorted(): [number, number][] {
    const items = this.doc.map((d, i) => ({ si: this.segIndex[i], s: this.seg[i], d }));
    const cmp = this.cmp;
    if (cmp) items.sort((x, y) => cmp(x.s, x.d, y.s, y.d));
    return items.map((x) => [x.si, x.d]);
  }
}
