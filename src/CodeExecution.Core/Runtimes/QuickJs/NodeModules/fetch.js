// fetch, Headers, Request and Response, which Node has as globals: the classes from the pinned whatwg-fetch package
// (patched in bundle.mjs), and a fetch of our own that asks the host to make each request (host.http). The host
// never follows a redirect: fetch follows it here, as Node's does (up to 20), so every hop is a request the host
// checks against the run's allow-list. A refused or failed request rejects with Node's TypeError('fetch failed'),
// its cause an Error saying why.
const redirects = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 20;

export function makeFetch(hostHttp) {
  const { Headers, Request, Response } = require('whatwg-fetch');

  async function fetch(input, init) {
    let request = new Request(input, init);
    const mode = (init && init.redirect) || 'follow';
    let body = await bodyBytes(request);
    for (let hop = 0; ; hop++) {
      if (request.signal && request.signal.aborted) throw abortError();
      const answer = send(request, body);
      const meta = JSON.parse(answer.response);
      const response = new Response(nullBody(request.method, meta.status) ? null : answer.body,
        { status: meta.status, statusText: meta.reason, headers: meta.headers, url: meta.url });
      const location = response.headers.get('location');
      if (!redirects.has(meta.status) || location === null || mode === 'manual') {
        Object.defineProperty(response, 'redirected', { value: hop > 0, enumerable: true });
        return response;
      }

      if (mode === 'error' || hop === maxRedirects) throw failed(new Error(mode === 'error' ? 'unexpected redirect' : 'redirect count exceeded'));
      const to = resolve(location, meta.url);
      // 303, and 301 or 302 after a POST, go on as a GET without a body, as Node's fetch does.
      const asGet = meta.status === 303 ? request.method !== 'HEAD' : (meta.status === 301 || meta.status === 302) && request.method === 'POST';
      request = new Request(to, { method: asGet ? 'GET' : request.method, headers: asGet ? withoutBodyHeaders(request.headers) : request.headers });
      if (asGet) body = undefined;
    }
  }

  function send(request, body) {
    const headers = [];
    request.headers.forEach((value, name) => headers.push([name, value]));
    try {
      return hostHttp(JSON.stringify({ method: request.method, url: request.url, headers }), body);
    } catch (error) {
      throw failed(error);
    }
  }

  return { fetch, Headers, Request, Response };
}

/**
 * A Location against the URL that answered it: absolute, scheme-relative, origin-relative, query-only or relative to
 * the answering path (what redirects send).
 */
function resolve(location, base) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(location)) return location;
  const [, scheme, origin, path] = /^([a-z][a-z0-9+.-]*:)(\/\/[^/?#]*)([^?#]*)/i.exec(base);
  if (location.startsWith('//')) return scheme + location;
  if (location.startsWith('/')) return scheme + origin + location;
  if (location.startsWith('?')) return scheme + origin + path + location;
  return scheme + origin + path.slice(0, path.lastIndexOf('/') + 1) + location;
}

/** The request's body as an ArrayBuffer, or undefined for none. */
async function bodyBytes(request) {
  if (request._noBody || request._bodyInit === undefined || request._bodyInit === null) return undefined;
  return request.arrayBuffer();
}

/** HEAD and the answers that have no body (204, 205, 304) give a Response without one, as Node's do. */
const nullBody = (method, status) => method === 'HEAD' || status === 204 || status === 205 || status === 304;

function withoutBodyHeaders(headers) {
  const kept = new headers.constructor(headers);
  for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']) kept.delete(name);
  return kept;
}

function failed(cause) {
  const error = new TypeError('fetch failed');
  Object.defineProperty(error, 'cause', { value: cause, writable: true, configurable: true });
  return error;
}

function abortError() {
  const error = new Error('This operation was aborted');
  error.name = 'AbortError';
  error.code = 20;
  return error;
}
