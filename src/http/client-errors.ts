// What is refused before any route is chosen leaves as problem+json too. Fastify's router refuses
// a path that is not percent-encoded UTF-8 (400) and a path parameter longer than it takes (414):
// `frameworkErrors` answers those, outside every hook, so it adds the request id itself. Node's
// HTTP parser refuses what is no HTTP request at all (a control character in a header: 400; more
// header bytes than it reads: 431; a request not finished in time: 408): no request exists to
// reply to, so `clientErrorHandler` writes the response on the socket and closes the connection.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './problem.js';
import { problemOf } from './problem-types.js';

/** The longest path parameter the router takes; ids are UUIDs (36 characters). */
export const MAX_PARAM_LENGTH = 100;

/** How long a refused connection may go on sending before it is cut. */
const LINGER_MS = 2000;

const ROUTER_DETAILS: Record<string, string> = {
  FST_ERR_BAD_URL: 'The path is not valid percent-encoded UTF-8.',
  FST_ERR_MAX_PARAM_LENGTH: `A path segment is longer than the ${MAX_PARAM_LENGTH} characters any parameter of this API can have.`,
};

const PARSER_DETAILS: Record<number, string> = {
  400: 'The request is not valid HTTP/1.1 (a header with a control character or a malformed line, say).',
  408: 'The request was not received in time.',
  431: 'The request headers are larger than this service accepts.',
};

/** Fastify's `frameworkErrors`: the router's refusals as problem+json. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const detail = ROUTER_DETAILS[error.code];
  const status = detail ? (error.statusCode ?? 400) : 500;
  if (!detail) request.log.error({ err: error }, 'request failed before routing');
  reply.header('x-request-id', request.id).header('x-content-type-options', 'nosniff');
  sendProblem(reply, problemOf(status, detail ?? 'Something went wrong on our side; the request id identifies it in our logs.', request.url, String(request.id)));
}

function parserStatus(code: string): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/** The request target on the request line the parser was reading, if it got that far. */
function targetOf(error: ConnectionError): string {
  const packet: unknown = error.rawPacket;
  const line = Buffer.isBuffer(packet) ? packet.toString('latin1', 0, Math.min(packet.length, 8192)).split('\r\n', 1)[0]! : '';
  return /^[A-Z]+ (\S+) HTTP\/1\.[01]$/.exec(line)?.[1] ?? '/';
}

/** Fastify's `clientErrorHandler` (bound to the instance): the parser's refusals as problem+json on the socket. */
export function clientErrorHandler(this: FastifyInstance, error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = parserStatus(error.code);
  const requestId = randomUUID();
  this.log.info({ err: error, status, requestId }, 'client error');
  // As Node's own default: answer only if no response has started on this connection.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (!socket.writable || inFlight?.headersSent) {
    socket.destroy(error);
    return;
  }
  const body = JSON.stringify(problemOf(status, PARSER_DETAILS[status]!, targetOf(error), requestId));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/problem+json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n' +
      `X-Request-Id: ${requestId}\r\n` +
      'X-Content-Type-Options: nosniff\r\n' +
      '\r\n' +
      body,
  );
  // Read and drop what the client still sends (the rest of an oversized header): closing with
  // unread data would reset the connection, and the client might lose the answer with it.
  socket.resume();
  socket.setTimeout(LINGER_MS, () => socket.destroy());
}
