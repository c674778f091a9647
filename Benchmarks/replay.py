"""Klage's own SQL, captured from PostgreSQL's statement log, as a pgbench script, and replayed on a
SQLite file through libsqlite3 (used by Benchmarks/run).

The cluster logs every statement (`log_statement = all`) while one request runs; the transactions of
that request are taken from the log, their parameters written in, and turned into a pgbench script that
sends each of Klage's messages as one message (`\\;` between the statements of a message), so pgbench
pays the same statements and the same round trips. What must differ per run is made to: every UUID
(ids of the complaint, its events, deliveries, report marks) gets a random last 12 digits, the same
within a transaction, and the audit chain's sequence numbers start at a random number.
"""
import random
import re
import sqlite3
import time

PREFIX = re.compile(r"^@@(\d+)@@ (LOG|DETAIL|ERROR|STATEMENT|HINT|CONTEXT|WARNING|NOTICE|FATAL):  (.*)$")
UUID = re.compile(r"\b([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-)([0-9a-fA-F]{12})\b")
PARAMETER = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")
LOG_SETTINGS = {"log_statement": "'all'", "log_line_prefix": "'@@%p@@ '"}


def entries(text):
    """(pid, kind, message) of each log entry; a message may span lines."""
    found = []
    for line in text.split("\n"):
        match = PREFIX.match(line)
        if match:
            found.append([int(match.group(1)), match.group(2), match.group(3)])
        elif found:
            found[-1][2] += "\n" + line
    return [tuple(entry) for entry in found]


def messages(log):
    """Each message a session sent, in log order: (pid, [statement]) with its parameters written in."""
    sent = []
    for pid, kind, text in entries(log):
        if kind == "LOG" and text.startswith("statement: "):
            sent.append((pid, split(text[len("statement: "):])))
        elif kind == "LOG" and text.startswith("execute "):
            sent.append((pid, [text.split(": ", 1)[1]]))
        elif kind == "DETAIL" and text.startswith("parameters: ") and sent and sent[-1][0] == pid:
            values = {int(n): v for n, v in PARAMETER.findall(text)}
            statement = re.sub(r"\$(\d+)\b", lambda m: values[int(m.group(1))], sent[-1][1][0])
            sent[-1] = (pid, [statement])
    return sent


def split(text):
    """The statements of one simple-query message (semicolons outside quotes)."""
    return [part.strip() for part in split_outside(text, ";") if part.strip()]


def transactions(log, touching):
    """The transactions in the log (each a list of messages) any of whose statements mentions one of
    the words in `touching`, in the order they began."""
    open_by_pid, done = {}, []
    for pid, statements in messages(log):
        current = open_by_pid.setdefault(pid, [])
        current.append(statements)
        if any(s.upper().startswith(("COMMIT", "ROLLBACK")) for s in statements):
            done.append(open_by_pid.pop(pid))
    wanted = [t for t in done if any(word in s for message in t for s in message for word in touching)]
    return wanted


def request(transactions_, fresh_ids):
    """The captured request as ([(variable, lowest, highest)], [[statement]] per message), its varying
    values as `:variable` (pgbench's syntax). With `fresh_ids`, every UUID is made new per run (the
    ids a create makes); without, ids are kept (a read must find what it read)."""
    messages_, uuids, seqs = [], {}, []
    for transaction in transactions_:
        for message in transaction:
            statements = [unique_ids(s, uuids) if fresh_ids else s for s in message]
            messages_.append([audit_sequence(s, seqs) for s in statements])
    base = min(seqs) if seqs else 0
    messages_ = [[re.sub(r"@@seq(\d+)@@", lambda m: f"(:kseq + {int(m.group(1)) - base})", s) for s in message]
                 for message in messages_]
    variables = [(f"kuid{n}", 100000000000, 999999999999) for n in range(1, len(uuids) + 1)]
    if seqs:
        variables.append(("kseq", 1000000, 1000000000000000))
    return variables, messages_


def script(transactions_, fresh_ids):
    """A pgbench script replaying the transactions: one pgbench command per Klage message."""
    variables, messages_ = request(transactions_, fresh_ids)
    head = [f"\\set {name} random({low}, {high})" for name, low, high in variables]
    body = [" \\;\n".join(message) + ";" for message in messages_]
    return "\n".join(head + body) + "\n"


def unique_ids(statement, uuids):
    def replace(match):
        key = match.group(0).lower()
        uuids.setdefault(key, len(uuids) + 1)
        return match.group(1) + f":kuid{uuids[key]}"
    return UUID.sub(replace, statement)


def audit_sequence(statement, seqs):
    """Marks the audit chain's sequence numbers (`seq` of `audit_chain` rows and of `audit_heads`)."""
    if statement.startswith("INSERT INTO audit_chain"):
        columns = [c.strip() for c in statement[statement.index("(") + 1:statement.index(")")].split(",")]
        position = columns.index("seq")
        values = statement[statement.index("VALUES") + len("VALUES"):]
        rows = []
        groups, end = tuples(values)
        for row in groups:
            fields = fields_of(row)
            number = int(fields[position].strip().strip("'"))
            seqs.append(number)
            fields[position] = f"@@seq{number}@@"
            rows.append("(" + ", ".join(f.strip() for f in fields) + ")")
        return statement[:statement.index("VALUES")] + "VALUES " + ", ".join(rows) + values[end:]
    match = re.match(r"(UPDATE audit_heads SET seq = )'?(\d+)'?(.*)", statement, re.S)
    if match:
        seqs.append(int(match.group(2)))
        return f"{match.group(1)}@@seq{match.group(2)}@@{match.group(3)}"
    return statement


def unquoted(text):
    """(index, character, parentheses depth after it) of each character outside quoted literals."""
    quoted, depth = False, 0
    for index, char in enumerate(text):
        if char == "'":
            quoted = not quoted
        elif not quoted:
            depth += {"(": 1, ")": -1}.get(char, 0)
            yield index, char, depth


def split_outside(text, separator):
    """`text` split at `separator` where it is outside quotes and parentheses."""
    parts, start = [], 0
    for index, char, depth in unquoted(text):
        if char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    return parts + [text[start:]]


def tuples(values):
    """The top-level parenthesised groups of a VALUES list, and where the last one ends."""
    found, start, end = [], 0, 0
    for index, char, depth in unquoted(values):
        if char == "(" and depth == 1:
            start = index + 1
        elif char == ")" and depth == 0:
            found.append(values[start:index])
            end = index + 1
    return found, end


def fields_of(row):
    """The comma-separated fields of one VALUES tuple (commas outside quotes and parentheses)."""
    return split_outside(row, ",")


def sqlite_replay(path, transactions_, fresh_ids, seconds, replacing=None):
    """Replays the captured request on the SQLite file at `path` through libsqlite3 (Python's sqlite3
    module links the system library Klage binds), with Klage's writer settings, one transaction per
    request, for `seconds`: (requests/s, p50 ms, p99 ms). The store writes its SQL once for both
    engines, so the statements are Klage's on SQLite too; PostgreSQL's `SET LOCAL`s are left out and
    `BEGIN` is SQLite's `BEGIN IMMEDIATE`, as Klage's writer takes it. `replacing` swaps ids of the
    PostgreSQL run for ids of this database."""
    variables, messages_ = request(transactions_, fresh_ids)
    statements = []
    for message in messages_:
        for statement in message:
            for old, new in (replacing or {}).items():
                statement = statement.replace(old, new)
            if statement.upper().startswith("SET LOCAL"):
                continue
            statements.append("BEGIN IMMEDIATE" if statement.upper() == "BEGIN" else statement)
    connection = sqlite3.connect(path, isolation_level=None, timeout=5)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "cache_size = -65536"):
        connection.execute(f"PRAGMA {pragma}")
    latencies, ends = [], time.monotonic() + seconds
    while time.monotonic() < ends:
        values = {name: str(random.randint(low, high)) for name, low, high in variables}
        started = time.monotonic()
        try:
            for statement in statements:
                connection.execute(re.sub(r":(kuid\d+|kseq)\b", lambda m: values[m.group(1)], statement)).fetchall()
        except sqlite3.Error:
            connection.execute("ROLLBACK")
            raise
        latencies.append((time.monotonic() - started) * 1000)
    connection.close()
    latencies.sort()
    return len(latencies) / seconds, latencies[len(latencies) // 2], latencies[len(latencies) * 99 // 100]
