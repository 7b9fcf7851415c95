"""Oracle for data.DistributedSampler: torch's DistributedSampler partitions.

Reads a JSON list of cases {"n", "world", "drop_last", "shuffle", "seed",
"epoch"} on stdin and writes, for each case, the list of every rank's indices
(torch.utils.data.DistributedSampler over range(n)) as one JSON list on stdout.

Usage: /usr/bin/python3 third_party/pytorch/distributed_sampler.py < cases.json
"""
import json
import sys

from torch.utils.data import DistributedSampler


def main():
    cases = json.load(sys.stdin)
    out = []
    for c in cases:
        ranks = []
        for rank in range(c["world"]):
            s = DistributedSampler(range(c["n"]), num_replicas=c["world"], rank=rank,
                                   shuffle=c["shuffle"], seed=c["seed"],
                                   drop_last=c["drop_last"])
            s.set_epoch(c["epoch"])
            ranks.append([int(i) for i in s])
        out.append(ranks)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
