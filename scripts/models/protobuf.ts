// A minimal protocol-buffers encoder and decoder: just what writing and reading an ONNX model needs (varints,
// length-delimited fields, packed repeated int64 and float). No schema: callers name field numbers themselves.

const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const WIRE_I32 = 5;

/** Builds one message; nested messages are encoded first and added as bytes. */
export class ProtoWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  private tag(field: number, wire: number): void {
    this.push(varint(BigInt(field) << 3n | BigInt(wire)));
  }

  /** int32/int64/enum/bool as a varint (negative numbers as 10-byte two's complement, as protobuf does). */
  int(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    this.push(varint(BigInt.asUintN(64, BigInt(value))));
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, WIRE_I32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.push(b);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LEN);
    this.push(varint(BigInt(value.length)));
    this.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, inner: ProtoWriter): this {
    return this.bytes(field, inner.finish());
  }

  /** A packed repeated int64/int32 field. */
  packedInts(field: number, values: readonly (number | bigint)[]): this {
    const body = new ProtoWriter();
    for (const v of values) body.push(varint(BigInt.asUintN(64, BigInt(v))));
    return this.bytes(field, body.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

export function varint(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError('varint of a negative number: convert with BigInt.asUintN(64, x) first');
  const out: number[] = [];
  let v = value;
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Uint8Array.from(out);
}

export type ProtoField =
  | { field: number; wire: 'varint'; value: bigint }
  | { field: number; wire: 'len'; value: Uint8Array }
  | { field: number; wire: 'i32'; value: Uint8Array }
  | { field: number; wire: 'i64'; value: Uint8Array };

/** Splits one message into its fields, in order; throws on truncated or malformed input. */
export function readFields(buf: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let at = 0;
  const readVarint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (at >= buf.length) throw new RangeError('protobuf: truncated varint');
      if (shift > 63n) throw new RangeError('protobuf: varint longer than 10 bytes');
      const byte = buf[at++]!;
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if ((byte & 0x80) === 0) return result;
    }
  };
  const take = (n: number): Uint8Array => {
    if (at + n > buf.length) throw new RangeError(`protobuf: field runs past the end (${n} bytes at ${at} of ${buf.length})`);
    const slice = buf.subarray(at, at + n);
    at += n;
    return slice;
  };
  while (at < buf.length) {
    const key = readVarint();
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw new RangeError('protobuf: field number 0');
    if (wire === WIRE_VARINT) out.push({ field, wire: 'varint', value: readVarint() });
    else if (wire === WIRE_LEN) out.push({ field, wire: 'len', value: take(Number(readVarint())) });
    else if (wire === WIRE_I32) out.push({ field, wire: 'i32', value: take(4) });
    else if (wire === WIRE_I64) out.push({ field, wire: 'i64', value: take(8) });
    else throw new RangeError(`protobuf: unsupported wire type ${wire} (field ${field})`);
  }
  return out;
}

/** A packed repeated varint field's values. */
export function readPackedInts(bytes: Uint8Array): bigint[] {
  const values: bigint[] = [];
  let at = 0;
  while (at < bytes.length) {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (at >= bytes.length) throw new RangeError('protobuf: truncated packed varint');
      const byte = bytes[at++]!;
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if ((byte & 0x80) === 0) break;
    }
    values.push(result);
  }
  return values;
}
