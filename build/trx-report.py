#!/usr/bin/env python3
"""Reads the TRX files of test.sh's runs and says, in French, what failed and why.

test.sh runs the suite once, then runs the tests that failed once more (a browser test can lose to a machine that is
briefly overloaded). This script:
  counts  RUN.trx [RERUN.trx]  -> prints "passed failed retried": a test counts as failed when it failed in the last run
                                  it took part in; "retried" is how many passed only at the second attempt.
  failed  RUN.trx             -> prints the failed tests' method names, one per line (for dotnet test --filter).
  report  RUN.trx [RERUN.trx] -> prints each failure with its message and the top of its stack, so that a CI log that
                                  keeps only the end of the output still says which test failed and why.
"""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def results(path):
    """{test display name: (outcome, method full name, message, stack)} for one TRX file (a name shown twice gets a space more)."""
    root = ET.parse(path).getroot()
    methods = {}
    for test in root.findall(".//t:UnitTest", NS):
        method = test.find("t:TestMethod", NS)
        if method is not None:
            methods[test.get("id")] = method.get("className") + "." + method.get("name")
    found = {}
    for result in root.findall(".//t:UnitTestResult", NS):
        message = result.findtext(".//t:ErrorInfo/t:Message", default="", namespaces=NS).strip()
        stack = result.findtext(".//t:ErrorInfo/t:StackTrace", default="", namespaces=NS).strip()
        # Two cases of a theory may show the same name (long arguments are cut short): each result counts once.
        key = result.get("testName")
        while key in found:
            key += " "
        found[key] = (result.get("outcome"), methods.get(result.get("testId"), ""), message, stack)
    return found


def merged(first, rerun):
    """The outcome of each test in the last run it took part in, and the names that passed only when run again."""
    final = dict(first)
    retried = []
    for name, value in rerun.items():
        if first.get(name, ("",))[0] != "Passed" and value[0] == "Passed":
            retried.append(name)
        final[name] = value
    return final, retried


def main(argv):
    command, paths = argv[1], argv[2:]
    first = results(paths[0])
    rerun = results(paths[1]) if len(paths) > 1 else {}
    final, retried = merged(first, rerun)
    failed = sorted(name for name, value in final.items() if value[0] != "Passed" and value[0] != "NotExecuted")
    if command == "counts":
        passed = sum(1 for value in final.values() if value[0] == "Passed")
        print(passed, len(failed), len(retried))
    elif command == "skipped":
        print(sum(1 for value in first.values() if value[0] == "NotExecuted"))
    elif command == "failed":
        for method in sorted({first[name][1] for name in first if first[name][0] not in ("Passed", "NotExecuted")}):
            print(method)
    elif command == "report":
        for name in sorted(retried):
            _, _, message, _ = first[name]
            print(f"INSTABLE (échoué, puis réussi au second essai) : {name}")
            print("    premier essai : " + (message.splitlines()[0][:400] if message else "(sans message)"))
        for name in failed:
            _, _, message, stack = final[name]
            print(f"ÉCHEC : {name}")
            for line in message.splitlines()[:12]:
                print("    " + line[:400])
            for line in stack.splitlines()[:8]:
                print("    " + line.strip()[:300])
    else:
        print(f"commande inconnue : {command}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
