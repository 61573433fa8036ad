#!/usr/bin/env python3
"""Writes the pipeline's input exactly as shared/spec/pipeline.md section 1.1
says (random.Random(seed), json.dumps defaults). For the engine's own tests;
the harness has the canonical generator (ladder gen events).

    make_events.py N [SEED] > events.json
"""
import json
import random
import sys
from datetime import datetime, timedelta, timezone

EVENT_TYPES = ["page_view", "click", "purchase", "signup", "logout", "search",
               "add_to_cart", "remove_from_cart", "checkout_start", "error"]
PAGES = ["/home", "/products", "/products/123", "/cart", "/checkout",
         "/account", "/search", "/about", "/contact", "/blog"]
SEARCH_TERMS = ["python", "laptop", "headphones", "keyboard", "monitor",
                "mouse", "charger", "backpack", "shoes", "coffee"]
USERS = 5000


def generate(n, seed):
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    end = datetime(2025, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
    span = int((end - start).total_seconds())
    events = []
    for _ in range(n):
        user_id = rng.randint(1, USERS)
        event_type = rng.choice(EVENT_TYPES)
        ts = start + timedelta(seconds=rng.randint(0, span))
        page = rng.choice(PAGES)
        metadata = {"page": page}
        if event_type == "purchase":
            metadata["amount"] = round(rng.uniform(1.0, 500.0), 2)
            metadata["currency"] = "USD"
            metadata["item_count"] = rng.randint(1, 10)
        elif event_type == "search":
            metadata["query"] = rng.choice(SEARCH_TERMS)
            metadata["results_count"] = rng.randint(0, 200)
        elif event_type == "click":
            metadata["element_id"] = "btn-" + str(rng.randint(1, 50))
        elif event_type == "error":
            metadata["error_code"] = rng.choice([400, 404, 500, 502, 503])
            metadata["message"] = "Error on " + page
        elif event_type == "add_to_cart":
            metadata["product_id"] = rng.randint(1000, 9999)
            metadata["quantity"] = rng.randint(1, 5)
            metadata["price"] = round(rng.uniform(5.0, 300.0), 2)
        events.append({"user_id": user_id, "event_type": event_type,
                       "timestamp": ts.isoformat(), "metadata": metadata})
    return json.dumps(events)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 42
    sys.stdout.write(generate(n, seed))
