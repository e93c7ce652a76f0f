#!/usr/bin/env python3
"""synth_quarter.py - a synthetic quarter of one-stop dossiers with known dates.

Writes a register for `hoso status --import` (code, received_at, due_at, returned_at,
status, agency, procedure; tab-separated) and, computed here independently of hoso, the
counts `hoso stats` must give for the quarter: in total, per agency, per procedure and per
month. Each dossier is generated with its outcome chosen first (early, on time, late,
withdrawn, still open) and its return time made to fit, so the expected counts are tallies
of those choices, not a second copy of hoso's rules. Deadlines are N working days after
the receipt, counted here with the holiday file (Saturdays, Sundays and its dates off, its
"work" dates worked). Some dossiers are received before the quarter (carried into it) or
after it (outside it).

usage: synth_quarter.py --calendar data/holidays-vn.txt --tsv OUT.tsv --expect OUT.json
                        [--n 5000] [--year 2025] [--quarter 1] [--seed 23]
                        [--due-sample OUT.tsv]   (code, days, expected due date)
"""
import argparse
import datetime as dt
import json
import random

AGENCIES = ["000.00.31.H01", "000.00.31.H02", "000.00.31.H03", "000.00.32.H17"]
PROCEDURES = [
    "Chứng thực bản sao từ bản chính",
    "Đăng ký khai sinh",
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Đăng ký hộ kinh doanh",
    "Cấp đổi giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở",  # a comma: CSV quoting
    'Thủ tục "một cửa" liên thông',  # quotes: CSV quoting
]
DAYS = [0, 1, 3, 5, 10, 15, 20]
FIELDS = ["received", "carried", "early", "on_time", "late", "settled", "withdrawn", "open",
          "overdue"]


def load_calendar(path):
    off, work = set(), set()
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        day = dt.date.fromisoformat(parts[0])
        (work if parts[1:] == ["work"] else off).add(day)
    return off, work


def is_workday(day, cal):
    off, work = cal
    if day in work:
        return True
    return day.weekday() < 5 and day not in off


def add_workdays(day, n, cal):
    for _ in range(n):
        day += dt.timedelta(days=1)
        while not is_workday(day, cal):
            day += dt.timedelta(days=1)
    return day


def quarter_bounds(year, q):
    start = dt.datetime(year, 3 * (q - 1) + 1, 1)
    end = dt.datetime(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
    return start, end


def months_of(start, end):
    out, m = [], start
    while m < end:
        n = dt.datetime(m.year + (m.month == 12), 1 if m.month == 12 else m.month + 1, 1)
        out.append((m, min(n, end)))
        m = n
    return out


def office_time(day, rng, lo=8 * 60, hi=17 * 60):
    mins = rng.randrange(lo, hi)
    return dt.datetime(day.year, day.month, day.day, mins // 60, mins % 60)


def fmt(t, date_only=False):
    if t is None:
        return ""
    return t.strftime("%Y-%m-%d") if date_only else t.strftime("%Y-%m-%dT%H:%M")


def generate(args, cal):
    rng = random.Random(args.seed)
    qs, qe = quarter_bounds(args.year, args.quarter)
    rows = []
    seq = {}
    for i in range(args.n):
        r = rng.random()
        if r < 0.10:  # before the quarter: some carried into it
            day = (qs - dt.timedelta(days=rng.randrange(1, 60))).date()
        elif r < 0.95:
            day = (qs + dt.timedelta(days=rng.randrange((qe - qs).days))).date()
        else:  # after it
            day = (qe + dt.timedelta(days=rng.randrange(0, 20))).date()
        while not is_workday(day, cal):
            day += dt.timedelta(days=1)
        rcv_date_only = rng.random() < 0.2
        rcv = dt.datetime(day.year, day.month, day.day) if rcv_date_only else office_time(day, rng, 7 * 60 + 30, 16 * 60 + 30)
        agency = rng.choice(AGENCIES)
        proc = rng.choice(PROCEDURES)
        key = (agency, day)
        seq[key] = seq.get(key, 0) + 1
        code = "%s-%s-%04d" % (agency, day.strftime("%y%m%d"), seq[key])
        ndays = rng.choice(DAYS)
        due_day = add_workdays(day, ndays, cal)
        due_hour = rng.random() < 0.5 and due_day > day
        if rng.random() < 0.05:
            due, due_end = None, None  # no deadline: returned counts as on time
        elif due_hour:
            due = dt.datetime(due_day.year, due_day.month, due_day.day, 16, 0)
            due_end = due
        else:
            due = dt.datetime(due_day.year, due_day.month, due_day.day)  # written as a date
            due_end = due.replace(hour=23, minute=59)
        p = rng.random()
        outcome, ret = None, None
        if p < 0.08:
            outcome = "open"
        elif p < 0.10:
            outcome = "withdrawn"
            ret = office_time(day + dt.timedelta(days=rng.randrange(0, 10)), rng)
        elif due is None:
            outcome = "on_time"
            ret = office_time(day + dt.timedelta(days=rng.randrange(0, 12)), rng)
        elif p < 0.45 and due_day > day:
            outcome = "early"
            span = (due_day - day).days
            ret = office_time(day + dt.timedelta(days=rng.randrange(0, span)), rng)
        elif p < 0.92:
            outcome = "on_time"
            hi = 16 * 60 if due_hour else 17 * 60
            ret = office_time(due_day, rng, 8 * 60, hi)
        else:
            outcome = "late"
            if due_hour and rng.random() < 0.3:
                ret = due + dt.timedelta(minutes=rng.randrange(1, 60))  # the same day, later
            else:
                ret = office_time(due_day + dt.timedelta(days=rng.randrange(1, 15)), rng)
        if ret is not None and ret < rcv:
            ret = rcv + dt.timedelta(minutes=rng.randrange(1, 30))
        status = {"open": rng.choice(["received", "processing"]), "withdrawn": "withdrawn"}.get(
            outcome, "returned")
        rows.append({
            "code": code, "rcv": rcv, "rcv_date_only": rcv_date_only, "due": due,
            "due_end": due_end, "due_date_only": due is not None and not due_hour,
            "ret": ret, "outcome": outcome, "status": status, "agency": agency,
            "procedure": proc, "days": ndays, "due_day": due_day,
        })
    return rows, qs, qe


def tally(rows, start, end, now):
    """The report's counts for [start, end), open and overdue as of min(end, now)."""
    c = dict.fromkeys(FIELDS, 0)
    stop = min(end, max(now, start))
    for r in rows:
        rcv, ret = r["rcv"], r["ret"]
        if rcv >= end:
            continue
        if rcv >= start:
            c["received"] += 1
        elif ret is None or ret >= start:
            c["carried"] += 1
        if ret is not None and start <= ret < end:
            if r["outcome"] == "withdrawn":
                c["withdrawn"] += 1
            else:
                c[r["outcome"]] += 1
                c["settled"] += 1
        if rcv < stop and (ret is None or ret >= stop):
            c["open"] += 1
            if r["due_end"] is not None and r["due_end"] < stop:
                c["overdue"] += 1
    c["on_time_rate"] = (c["early"] + c["on_time"]) / c["settled"] if c["settled"] else None
    return c


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--calendar", required=True)
    ap.add_argument("--tsv", required=True)
    ap.add_argument("--expect", required=True)
    ap.add_argument("--due-sample")
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--quarter", type=int, default=1, choices=[1, 2, 3, 4])
    ap.add_argument("--seed", type=int, default=23)
    args = ap.parse_args()
    cal = load_calendar(args.calendar)
    rows, qs, qe = generate(args, cal)
    now = dt.datetime(2100, 1, 1)  # the quarter is over: open and overdue at its end
    with open(args.tsv, "w", encoding="utf-8") as f:
        f.write("code\treceived_at\tdue_at\treturned_at\tstatus\tagency\tprocedure\n")
        for r in rows:
            f.write("\t".join([r["code"], fmt(r["rcv"], r["rcv_date_only"]),
                               fmt(r["due"], r["due_date_only"]), fmt(r["ret"]), r["status"],
                               r["agency"], r["procedure"]]) + "\n")
    expect = {"from": qs.strftime("%Y-%m-%d"),
              "to": (qe - dt.timedelta(days=1)).strftime("%Y-%m-%d"),
              "rows": len(rows), "total": tally(rows, qs, qe, now)}
    for by in ("agency", "procedure"):
        groups = {}
        for r in rows:
            groups.setdefault(r[by], []).append(r)
        out = {}
        for k, rs in groups.items():
            t = tally(rs, qs, qe, now)
            if any(t[f] for f in ("received", "carried", "settled", "withdrawn", "open")):
                out[k] = t
        expect[by] = out
    expect["month"] = {ms.strftime("%Y-%m"): tally(rows, ms, me, now) for ms, me in months_of(qs, qe)}
    with open(args.expect, "w", encoding="utf-8") as f:
        json.dump(expect, f, ensure_ascii=False, indent=1)
    if args.due_sample:
        rng = random.Random(args.seed + 1)
        with open(args.due_sample, "w", encoding="utf-8") as f:
            for r in rng.sample(rows, 30):
                f.write("%s\t%d\t%s\n" % (r["code"], r["days"], r["due_day"].isoformat()))


if __name__ == "__main__":
    main()
