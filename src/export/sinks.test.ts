import { describe, expect, it } from 'vitest';
import { blobSink } from './sinks';

describe('blobSink', () => {
  it('collects chunks into a Blob in parts, copying each chunk', async () => {
    const sink = blobSink('application/zip', 4);
    const writer = sink.writable.getWriter();
    const reused = new Uint8Array([1, 2, 3]);
    await writer.write(reused);
    reused.set([9, 9, 9]);
    await writer.write(new Uint8Array([4, 5, 6, 7]));
    expect(() => sink.blob()).toThrow(/not finished/);
    await writer.close();
    const blob = sink.blob();
    expect(blob.type).toBe('application/zip');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(sink.size()).toBe(7);
  });
});
