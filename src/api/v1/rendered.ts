import type { FastifyReply } from 'fastify';

/**
 * Response bodies rendered once per service result and view. Some services hand out the same
 * result object again while it is still true (cached query results): its JSON is then the same
 * for every caller who sees it the same way, so it is serialized once, by the route's own response
 * schema, and later requests send the bytes. Entries go away with the result object.
 */
export class RenderedBodies {
  private readonly bodies = new WeakMap<object, Map<string, Buffer>>();

  /**
   * Sends `render()` serialized by the route's 200 schema, or the body rendered before for the same
   * `result` object and `view` key. The key must name everything besides `result` that the body
   * depends on.
   */
  send(reply: FastifyReply, result: object, view: string, render: () => unknown): FastifyReply {
    let byView = this.bodies.get(result);
    if (!byView) this.bodies.set(result, (byView = new Map()));
    let body = byView.get(view);
    if (!body) byView.set(view, (body = toBuffer(reply.serialize(render()))));
    return reply.type('application/json; charset=utf-8').send(body);
  }
}

function toBuffer(serialized: string | ArrayBuffer | Buffer): Buffer {
  if (typeof serialized === 'string') return Buffer.from(serialized);
  return Buffer.isBuffer(serialized) ? serialized : Buffer.from(serialized);
}
