/* global setTimeout, clearTimeout, fetch */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on Linux). */
const TICKS = 100;

/** utime + stime (+ cutime + cstime of reaped children, optionally) of a process, in ms; null if gone. */
export function cpuMs(pid, withChildren = false) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
    const own = Number(fields[11]) + Number(fields[12]);
    const children = withChildren ? Number(fields[13]) + Number(fields[14]) : 0;
    return ((own + children) * 1000) / TICKS;
  } catch {
    return null;
  }
}

function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** The postmaster of a backend (its parent), if that process is on this machine. */
export function postmasterOf(backendPid) {
  const parent = parentOf(backendPid);
  return parent && cpuMs(parent) !== null ? parent : null;
}

/** CPU ms of a PostgreSQL server: the postmaster, its live children, and the children it reaped. */
export function postgresCpuMs(postmaster) {
  if (!postmaster) return null;
  let total = cpuMs(postmaster, true) ?? 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (parentOf(Number(entry)) === postmaster) total += cpuMs(Number(entry)) ?? 0;
  }
  return total;
}

/** Starts a server process and waits until `readyUrl` answers 200. */
export async function startServer({ name, args, env, readyUrl, log, timeoutMs = 60_000 }) {
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
  });
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (exited)
      throw new Error(`${name} exited (${JSON.stringify(exited)}) before it was ready:\n${output.join('')}`);
    try {
      const response = await fetch(readyUrl);
      if (response.ok) {
        log(`${name} ready (pid ${child.pid})`);
        return { name, child, pid: child.pid, spawnedAt, output, stop: () => stopProcess(child) };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stopProcess(child);
  throw new Error(`${name} was not ready within ${timeoutMs} ms:\n${output.join('')}`);
}

/** SIGTERM, then SIGKILL after 15 s: resolves once the process has exited. */
export function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
