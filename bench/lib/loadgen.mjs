import autocannon from 'autocannon';

/**
 * One autocannon run: `connections` keep-alive connections for `seconds`, each request built by
 * `next()` ({ body, token } for GraphQL, { path, cookie } for a web page), so every request can be
 * another municipality. `onResponse` (optional)
 * sees status and body, for the write scenarios that must count refusals.
 */
export function runLoad({ url, connections, seconds, next, onResponse }) {
  return new Promise((resolve, reject) => {
    const request = {
      method: 'POST',
      setupRequest: (req) => {
        const request = next();
        if (request.path) {
          // A web page (S7, S8): GET with the session cookie, if any.
          req.method = 'GET';
          req.path = request.path;
          req.body = undefined;
          req.headers = request.cookie ? { cookie: request.cookie } : {};
          return req;
        }
        req.method = 'POST';
        req.path = '/graphql';
        req.body = request.body;
        req.headers = { 'content-type': 'application/json', authorization: `Bearer ${request.token}` };
        return req;
      },
    };
    if (onResponse) request.onResponse = (status, body) => onResponse(status, body);
    autocannon(
      { url, connections, duration: seconds, pipelining: 1, requests: [request], timeout: 30 },
      (error, result) => (error ? reject(error) : resolve(summarise(result))),
    );
  });
}

function summarise(result) {
  const completed = result.requests.total;
  return {
    requests: completed,
    rps: completed / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    meanLatency: result.latency.average,
    bytesPerResponse: completed > 0 ? Math.round(result.throughput.total / completed) : 0,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    seconds: result.duration,
  };
}
