/**
 * `@prisma/adapter-pg` 6.19 with the one workaround it needs here (see ../shared/STACK-NOTES.md): it refuses
 * result columns of PostgreSQL's internal types `name` (OID 19) and `"char"` (OID 18), which the schema
 * engine's own catalogue queries return (migrate deploy fails with "Column type 'name' could not be
 * deserialized"). Both arrive from `pg` as plain strings, so they are reported as TEXT. Used by the app
 * (app/db/postgres-specific.server.ts) and the Prisma CLI (prisma.config.ts).
 */
import { PrismaPg } from "@prisma/adapter-pg";

const TEXT_OID = 25;
const TEXT_LIKE_OIDS = new Set([18, 19]);

type Field = { dataTypeID: number };
type Queryable = { performIO: (query: unknown) => Promise<{ fields: Field[] }> };

let patched = false;

/** Patches the adapter's shared query path once (it is the prototype of connections and transactions). */
function patchQueryable(adapter: object) {
  if (patched) return;
  let proto = Object.getPrototypeOf(adapter) as Partial<Queryable> | null;
  while (proto && !Object.hasOwn(proto, "performIO")) proto = Object.getPrototypeOf(proto) as Partial<Queryable> | null;
  if (!proto?.performIO) throw new Error("@prisma/adapter-pg changed: performIO not found (check the workaround)");
  const original = proto.performIO;
  proto.performIO = async function (this: Queryable, query: unknown) {
    const result = await original.call(this, query);
    for (const field of result.fields) if (TEXT_LIKE_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    return result;
  };
  patched = true;
}

export function postgresAdapterFactory(connectionString: string, options: { max?: number } = {}): PrismaPg {
  const factory = new PrismaPg({ connectionString, max: options.max ?? 10 });
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    patchQueryable(adapter);
    return adapter;
  };
  factory.connectToShadowDb = async () => {
    const adapter = await connectToShadowDb();
    patchQueryable(adapter);
    return adapter;
  };
  return factory;
}
