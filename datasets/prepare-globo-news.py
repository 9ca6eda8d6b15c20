#!/usr/bin/env python3
"""Turns the Globo.com news-portal click log into a time-split click log that `item2vec train` and
`item2vec eval` read (columns SessionId,ItemId,Time; Time in epoch seconds).

Source: "News Portal User Interactions by Globo.com" (Moreira et al., "News session-based recommendations
using deep neural networks", DLRS 2018), published on Kaggle for non-commercial research use (cite the
paper): the folder `clicks/` of 385 hourly files `clicks_hour_NNN.csv` (user_id, session_id, session_start,
session_size, click_article_id, click_timestamp, ...). The data is not redistributed here: download it and
point --clicks at the folder.

The cut follows session-rec's preprocessing of its e-commerce sets (preprocess_rsc15.py): keep the first
--days days, drop sessions of one click, items with fewer than 5 clicks, sessions left with one click; the
sessions that end in the last --test-days days are the test set, their items unknown to training are dropped,
and test sessions left with one click too. Standard library only.
"""
import argparse
import collections
import csv
import glob
import os
import sys

DAY_MS = 86_400_000


def read_clicks(folder):
    clicks = []
    files = sorted(glob.glob(os.path.join(folder, "clicks_hour_*.csv")))
    if not files:
        sys.exit(f"no clicks_hour_*.csv files in {folder}")
    for path in files:
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                clicks.append((row["session_id"], row["click_article_id"], int(row["click_timestamp"])))
    return clicks


def filter_supports(clicks, min_item_support, min_session_length):
    def session_lengths(rows):
        return collections.Counter(s for s, _, _ in rows)

    lengths = session_lengths(clicks)
    clicks = [c for c in clicks if lengths[c[0]] >= min_session_length]
    supports = collections.Counter(i for _, i, _ in clicks)
    clicks = [c for c in clicks if supports[c[1]] >= min_item_support]
    lengths = session_lengths(clicks)
    return [c for c in clicks if lengths[c[0]] >= min_session_length]


def split_by_time(clicks, test_days):
    session_end = {}
    for s, _, t in clicks:
        session_end[s] = max(t, session_end.get(s, t))
    test_from = max(session_end.values()) - test_days * DAY_MS
    train = [c for c in clicks if session_end[c[0]] < test_from]
    train_items = {i for _, i, _ in train}
    test = [c for c in clicks if session_end[c[0]] >= test_from and c[1] in train_items]
    lengths = collections.Counter(s for s, _, _ in test)
    return train, [c for c in test if lengths[c[0]] >= 2]


def write(path, clicks):
    clicks = sorted(clicks, key=lambda c: (c[0], c[2]))
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["SessionId", "ItemId", "Time"])
        for s, i, t in clicks:
            out.writerow([s, i, f"{t / 1000:.3f}"])
    sessions = len({s for s, _, _ in clicks})
    items = len({i for _, i, _ in clicks})
    print(f"{path}: {len(clicks):,} clicks, {sessions:,} sessions, {items:,} items")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", required=True, help="the data set's clicks/ folder")
    parser.add_argument("--out", required=True, help="folder for globo-train.csv and globo-test.csv")
    parser.add_argument("--days", type=int, default=4, help="days kept from the start of the log")
    parser.add_argument("--test-days", type=int, default=1, help="last days whose sessions are the test set")
    parser.add_argument("--min-item-support", type=int, default=5)
    args = parser.parse_args()
    if not 0 < args.test_days < args.days:
        sys.exit("--test-days must be at least 1 and less than --days")

    clicks = read_clicks(args.clicks)
    start = min(t for _, _, t in clicks)
    clicks = [c for c in clicks if c[2] < start + args.days * DAY_MS]
    train, test = split_by_time(filter_supports(clicks, args.min_item_support, 2), args.test_days)
    os.makedirs(args.out, exist_ok=True)
    write(os.path.join(args.out, "globo-train.csv"), train)
    write(os.path.join(args.out, "globo-test.csv"), test)


if __name__ == "__main__":
    main()
