import { serialiseMessage, etagOf, messageIdFor } from './message-json.util.js';
import type { MessageProperty } from './odata.util.js';
import type { OpaqueTokenCodec } from './opaque-token.util.js';
import type { TenantStore } from './tenant-store.js';
import type { FolderName, MessageRecord, SimUser } from './tenant.types.js';

/** What a delta link carries; sealed into the token. */
export interface DeltaState {
  v: 1;
  u: string;
  f: FolderName;
  e: number;
  /** $select of the first request (undefined: default set). */
  s?: MessageProperty[];
  /** $filter=receivedDateTime ge|gt (ms). */
  r?: { op: 'ge' | 'gt'; ms: number };
  /** i: initial round (all matching items); c: changes since `a`. */
  p: 'i' | 'c';
  /** Initial: snapshot sequence; changes: exclusive lower bound. */
  a: number;
  /** Changes: inclusive upper bound fixed at the round's first page. */
  t?: number;
  /** Initial: next record index; changes: last sequence returned. */
  c: number;
  /** 'skip' for a nextLink, 'delta' for a deltaLink. */
  k: 'skip' | 'delta';
}

export interface DeltaPageOptions {
  pageSize: number;
  immutableId: boolean;
  bodyText: boolean;
  withholdHeaders: boolean;
  includeHeaders: boolean;
  /** Properties the caller's token may not see (ReadBasic defaults). */
  defaultProperties: readonly MessageProperty[];
  emptyPage: boolean;
}

export interface DeltaPage {
  items: Record<string, unknown>[];
  next: DeltaState;
  bodyBytes: number;
}

function matchesFilter(record: MessageRecord, state: DeltaState): boolean {
  if (!state.r) return true;
  return state.r.op === 'ge'
    ? record.receivedMs >= state.r.ms
    : record.receivedMs > state.r.ms;
}

/**
 * Message delta for one folder (graph-facts "Delta query for messages"): the
 * first round pages through every matching message as of a snapshot; the round
 * ends with a deltaLink anchored at that snapshot, and each later round returns
 * what was created, updated (only the changed properties) or removed after it.
 */
export class DeltaService {
  constructor(
    private readonly store: TenantStore,
    readonly codec: OpaqueTokenCodec,
  ) {}

  initialState(
    user: SimUser,
    folder: FolderName,
    select: MessageProperty[] | undefined,
    filter: DeltaState['r'],
  ): DeltaState {
    return {
      v: 1,
      u: user.id,
      f: folder,
      e: user.deltaEpoch,
      ...(select ? { s: select } : {}),
      ...(filter ? { r: filter } : {}),
      p: 'i',
      a: user.seq,
      c: 0,
      k: 'skip',
    };
  }

  page(user: SimUser, state: DeltaState, opts: DeltaPageOptions): DeltaPage {
    if (opts.emptyPage)
      return { items: [], next: { ...state, k: 'skip' }, bodyBytes: 0 };
    const properties = this.propertiesFor(state, opts);
    const records = user.folders[state.f].records;
    const items: Record<string, unknown>[] = [];
    let bodyBytes = 0;
    const full = (record: MessageRecord) => {
      const s = serialiseMessage(
        user,
        record,
        this.store.content(user, record),
        {
          properties,
          immutableId: opts.immutableId,
          bodyText: opts.bodyText,
          withholdHeaders: opts.withholdHeaders,
        },
      );
      bodyBytes += s.bodyBytes;
      const { id, ...rest } = s.json;
      // Shape of message-delta-round1-page1-nextLink.json: type, etag, properties, id.
      return {
        '@odata.type': this.store.content(user, record).odataType,
        '@odata.etag': etagOf(record),
        ...rest,
        id,
      };
    };

    if (state.p === 'i') {
      let i = state.c;
      for (; i < records.length && items.length < opts.pageSize; i++) {
        const r = records[i] as MessageRecord;
        if (
          r.removedSeq !== undefined ||
          r.createdSeq > state.a ||
          !matchesFilter(r, state)
        )
          continue;
        items.push(full(r));
      }
      // A full page ends with a nextLink even when nothing is left: the next page is then
      // empty and carries the deltaLink, as Graph does.
      if (i >= records.length && items.length < opts.pageSize) {
        return {
          items,
          next: { ...state, p: 'c', c: state.a, k: 'delta' },
          bodyBytes,
        };
      }
      return { items, next: { ...state, c: i, k: 'skip' }, bodyBytes };
    }

    const upper = state.t ?? user.seq;
    const from = Math.max(state.a, state.c);
    const changed = records
      .filter((r) => r.seq > from && r.seq <= upper)
      .sort((x, y) => x.seq - y.seq);
    let last = from;
    for (const r of changed) {
      if (items.length >= opts.pageSize) break;
      last = r.seq;
      if (r.removedSeq !== undefined) {
        // Created and removed within the window: the client never saw it.
        if (r.createdSeq > state.a) continue;
        items.push({
          '@odata.type': '#microsoft.graph.message',
          id: messageIdFor(r, opts.immutableId),
          '@removed': { reason: 'deleted' },
        });
        continue;
      }
      if (!matchesFilter(r, state)) continue;
      if (r.createdSeq > state.a) {
        items.push(full(r));
        continue;
      }
      // Updated: only id and the properties that changed after the anchor
      // (message-delta-round2-removed-and-updated.json).
      const changedProps = [
        ...(r.changedProps ?? new Map<string, number>()).entries(),
      ]
        .filter(([, seq]) => seq > state.a)
        .map(([p]) => p as MessageProperty);
      const s = serialiseMessage(user, r, this.store.content(user, r), {
        properties: changedProps,
        immutableId: opts.immutableId,
        bodyText: opts.bodyText,
        withholdHeaders: opts.withholdHeaders,
      });
      const { id, ...rest } = s.json;
      items.push({
        '@odata.type': '#microsoft.graph.message',
        '@odata.etag': etagOf(r),
        ...rest,
        id,
      });
    }
    const done = !changed.some((r) => r.seq > last);
    if (done)
      return {
        items,
        next: { ...state, p: 'c', a: upper, c: upper, k: 'delta' },
        bodyBytes,
      };
    return {
      items,
      next: { ...state, t: upper, c: last, k: 'skip' },
      bodyBytes,
    };
  }

  private propertiesFor(
    state: DeltaState,
    opts: DeltaPageOptions,
  ): MessageProperty[] {
    const selected = state.s ?? [...opts.defaultProperties];
    return selected.filter(
      (p) => p !== 'internetMessageHeaders' || opts.includeHeaders,
    );
  }
}
