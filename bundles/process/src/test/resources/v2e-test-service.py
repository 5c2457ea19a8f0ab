#!/usr/bin/env python3
"""A tiny v2e service for the process supervisor's tests: NDJSON on stdin/stdout, or on the
UNIX socket named by $V2E_SOCKET when started with 'socket'. Methods:
  echo     -> answers its payload
  slow     -> waits payload.ms milliseconds, then answers {"slept": ms}
  crash    -> exits at once with payload.code (default 3), leaving requests unanswered
  garbage  -> writes a line that is not JSON, reads the error the container sends back, answers it
  ask      -> sends its own request (payload.target, payload.method, payload.payload), answers the reply
  threads  -> answers the kernel ids of its threads
  stall    -> stops reading for payload.ms milliseconds, then answers
  hangup   -> closes its output (stdout or the socket's sending side) and keeps running
Options: 'exit N' exits with N at start (a crash loop); 'threads N' starts N waiting threads;
'linger' keeps running when its input ends (only a signal ends it); 'ignore-term' ignores SIGTERM."""
import json, os, signal, socket, sys, threading, time

args = sys.argv[1:]
if 'exit' in args:
    sys.stderr.write('exiting with %s\n' % args[args.index('exit') + 1])
    sys.exit(int(args[args.index('exit') + 1]))
stop = threading.Event()
if 'ignore-term' in args:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
if 'threads' in args:
    for _ in range(int(args[args.index('threads') + 1])):
        threading.Thread(target=stop.wait, daemon=True).start()

if 'socket' in args:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(os.environ['V2E_SOCKET'])
    rfile = s.makefile('rb')
    wfile = s.makefile('wb')
else:
    rfile = sys.stdin.buffer
    wfile = sys.stdout.buffer
name = os.environ.get('V2E_PROCESS_ID', '?')
lock = threading.Lock()
pending = {}

def write(obj):
    with lock:
        wfile.write((json.dumps(obj) + '\n').encode())
        wfile.flush()

def answer(m, payload):
    write({'type': 'response', 'id': m['id'], 'payload': payload, 'source': name,
           'target': m.get('source', ''), 'correlation_id': m.get('correlation_id', '')})

sys.stderr.write('started %s pid %d\n' % (name, os.getpid()))
sys.stderr.flush()
write({'type': 'event', 'id': 'subprocess_ready', 'source': name, 'target': 'broker'})
garbage_waiter = []
seq = [0]

def slow(m):
    ms = m['payload']['ms']
    time.sleep(ms / 1000.0)
    answer(m, {'slept': ms})

for raw in rfile:
    m = json.loads(raw)
    if m['type'] in ('response', 'error'):
        cid = m.get('correlation_id', '')
        if cid in pending:
            orig = pending.pop(cid)
            answer(orig, {'type': m['type'], 'payload': m.get('payload'), 'error': m.get('error')})
        elif garbage_waiter:
            answer(garbage_waiter.pop(), {'error': m.get('error')})
        continue
    if m['type'] != 'request':
        continue
    method = m['id']
    if method == 'echo':
        answer(m, m.get('payload'))
    elif method == 'slow':
        threading.Thread(target=slow, args=(m,), daemon=True).start()
    elif method == 'crash':
        os._exit((m.get('payload') or {}).get('code', 3))
    elif method == 'garbage':
        garbage_waiter.append(m)
        with lock:
            wfile.write(b'this is not json\n')
            wfile.flush()
    elif method == 'ask':
        p = m['payload']
        seq[0] += 1
        cid = 'child-%d' % seq[0]
        pending[cid] = m
        write({'type': 'request', 'id': p['method'], 'payload': p.get('payload', {}), 'source': 'someone-else',
               'target': p['target'], 'correlation_id': cid})
    elif method == 'stall':
        time.sleep(m['payload']['ms'] / 1000.0)  # reads nothing meanwhile
        answer(m, {'stalled': m['payload']['ms']})
    elif method == 'hangup':
        with lock:
            wfile.close()
            if 'socket' in args:
                s.shutdown(socket.SHUT_WR)
            else:
                os.close(1)
    elif method == 'threads':
        answer(m, sorted(int(t) for t in os.listdir('/proc/self/task')))
    else:
        write({'type': 'error', 'id': method, 'error': 'no method ' + method, 'source': name,
               'target': m.get('source', ''), 'correlation_id': m.get('correlation_id', '')})

if 'linger' in args:
    sys.stderr.write('input ended, lingering\n')
    sys.stderr.flush()
    while True:
        time.sleep(3600)
