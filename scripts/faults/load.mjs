/* global setTimeout, fetch, AbortSignal */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const REGISTER = `mutation Register($input: RegisterProductInput!) {
  registerProduct(input: $input) { id name }
}`;

/** What a client that follows the README may retry with the same Idempotency-Key. */
function retryable(status, body) {
  const error = body?.errors?.[0];
  const code = error?.extensions?.code;
  if (code === 'SERVICE_UNAVAILABLE' || code === 'RATE_LIMITED') return code;
  if (code === 'CONFLICT' && error.extensions.retryable === true) return 'CONFLICT_RETRYABLE';
  // Not promised by the README, but safe with a key: counted apart so the report shows them.
  if (code === 'INTERNAL_SERVER_ERROR') return code;
  if (!error && status >= 500) return `HTTP_${status}`;
  return null;
}

/**
 * registerProduct at `rate` per second for `seconds`, each with its own name and Idempotency-Key,
 * retried with the same key and body on no answer or a retryable error. Resolves when every write
 * has an answer or has run out of attempts.
 */
export async function driveWrites({
  url,
  token,
  rate,
  seconds,
  runId,
  giveUpMs = 60_000,
  maxInFlight = 200,
  log,
}) {
  const acked = new Map(); // key -> { id, name }
  const failed = new Map(); // key -> last answer (a final, non-retryable one)
  const abandoned = new Map(); // key -> last retryable reason
  const retries = {};
  const samples = {}; // reason -> the first answer's text
  let replayed = 0;
  let inFlight = 0;
  let peakInFlight = 0;

  async function attempt(key, payload) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': key,
        },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      let body = null;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: a proxy or a dying process
      }
      return {
        status: response.status,
        body,
        text: text.slice(0, 300),
        replayed: response.headers.get('idempotent-replayed') === 'true',
      };
    } catch (error) {
      return { status: 0, body: null, network: error?.name === 'TimeoutError' ? 'TIMEOUT' : 'NETWORK' };
    }
  }

  async function write(i) {
    const key = `faults-${runId}-${i}`;
    const name = `Fault ${runId} ${i}`;
    const payload = JSON.stringify({
      query: REGISTER,
      variables: { input: { name, dataCategories: ['NO_PERSONAL_DATA'], hostingCountries: ['SE'] } },
    });
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    try {
      let reason = null;
      const giveUpAt = Date.now() + giveUpMs;
      for (let n = 1; Date.now() < giveUpAt; n++) {
        const answer = await attempt(key, payload);
        const product = answer.body?.data?.registerProduct;
        if (answer.status === 200 && product?.id) {
          acked.set(key, { id: product.id, name: product.name });
          if (answer.replayed) replayed++;
          return;
        }
        reason = answer.network ?? retryable(answer.status, answer.body);
        if (!reason) {
          failed.set(key, { status: answer.status, text: answer.text });
          return;
        }
        retries[reason] = (retries[reason] ?? 0) + 1;
        samples[reason] ??= answer.text ?? reason;
        const after = answer.body?.errors?.[0]?.extensions?.retryAfterSeconds;
        await sleep(Math.max(Math.min(100 * n, 1000), Number(after ?? 0) * 1000) + Math.random() * 200);
      }
      abandoned.set(key, reason);
    } finally {
      inFlight--;
    }
  }

  const pending = [];
  const started = Date.now();
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    // Like a real client pool: at most maxInFlight writes at once, so a slow service slows the
    // schedule instead of drowning in retries.
    while (inFlight >= maxInFlight) await sleep(5);
    pending.push(write(i));
    if (i > 0 && i % (rate * 10) === 0)
      log(`${i} writes started, ${acked.size} acknowledged, ${inFlight} in flight`);
  }
  await Promise.all(pending);
  return {
    total,
    acked,
    failed,
    abandoned,
    retries,
    samples,
    replayed,
    peakInFlight,
    elapsedMs: Date.now() - started,
  };
}
