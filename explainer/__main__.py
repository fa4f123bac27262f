"""Command line: ``python -m explainer validate [DATA_DIR]`` | ``cite --format bibtex|ris`` | ``handout`` |
``site`` | ``deck --format pptx|pdf`` | ``notebook-html``."""

from __future__ import annotations

import argparse
import sys

from explainer import tables


def validate(args: argparse.Namespace) -> int:
    pkg = tables.read_package(tables.data_dir_from_env() if not args.data_dir else tables.Path(args.data_dir).resolve())
    if pkg.problems:
        for p in pkg.problems:
            print(p, file=sys.stderr)
        print(f"data package INVALID: {len(pkg.problems)} problem(s)", file=sys.stderr)
        return 1
    counts = ", ".join(f"{name} {len(df)}" for name, df in pkg.tables.items())
    print(f"data package OK: {len(pkg.tables)} tables ({counts} rows)")
    return 0


def cite(args: argparse.Namespace) -> int:
    from explainer import export

    pkg = tables.load()
    sources = pkg.table("sources")
    sys.stdout.write(export.bibtex(sources) if args.format == "bibtex" else export.ris(sources))
    return 0


def handout(args: argparse.Namespace) -> int:
    import time

    from explainer import describe, export, registry

    start = time.perf_counter()
    pkg = tables.load()
    text = export.handout_html(pkg, describe.DISCLAIMER, url=args.url)
    out = tables.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    size = out.stat().st_size
    print(f"handout written: {out} ({size / 1_048_576:.2f} MiB, {len(registry.available(pkg))} charts, "
          f"{time.perf_counter() - start:.1f} s)")
    return 0


def site(args: argparse.Namespace) -> int:
    from explainer import static_site

    out = tables.Path(args.out)
    try:
        built = static_site.build(out, app_url=args.app_url, base_url=args.base_url, images=not args.no_images)
    except tables.DataError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"static mirror NOT built: the data package has {len(exc.problems)} problem(s)", file=sys.stderr)
        return 1
    except FileExistsError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{'page':<14}{'charts':>7}{'HTML KiB':>10}{'visit KiB':>11}")
    for url, size in built.html_bytes.items():
        print(f"{url:<14}{len(built.charts[url]):>7}{size / 1024:>10.0f}{built.visit_bytes[url] / 1024:>11.0f}")
    print(f"static mirror written: {out} ({len(built.html_bytes)} pages, {built.seconds:.1f} s)")


def deck(args: argparse.Namespace) -> int:
    import time

    from explainer import deckcontent, deckspec

    start = time.perf_counter()
    pkg = tables.load()
    if pkg.problems:
        for p in pkg.problems:
            print(p, file=sys.stderr)
    entries, notices = deckspec.read(pkg, args.deck)
    for notice in notices:
        print(notice.replace("`", ""), file=sys.stderr)
    if args.deck and not entries:
        print("deck NOT written: no valid entry in --deck", file=sys.stderr)
        return 2
    blob = deckcontent.file_bytes(pkg, args.format, entries, args.app_url)
    out = tables.Path(args.out or f"build/{deckcontent.file_name(args.format)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(blob)
    count = len(deckspec.slides(pkg, entries))
    print(f"deck written: {out} ({len(blob) / 1_048_576:.2f} MiB, {args.format}, {count} slides before the "
          f"references, {time.perf_counter() - start:.1f} s)")
    return 0


def notebook_html(args: argparse.Namespace) -> int:
    from explainer import notebook

    out, seconds = notebook.write_html(tables.Path(args.out))
    print(f"notebook executed in {seconds:.1f} s; HTML written: {out} ({out.stat().st_size / 1_048_576:.2f} MiB)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explainer", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="validate the data package")
    v.add_argument("data_dir", nargs="?", help="data folder (default: data/ or $KETAMINE_DATA_DIR)")
    v.set_defaults(func=validate)
    c = sub.add_parser("cite", help="print every reference as BibTeX or RIS")
    c.add_argument("--format", choices=("bibtex", "ris"), default="bibtex")
    c.set_defaults(func=cite)
    h = sub.add_parser("handout", help="write the offline HTML handout")
    h.add_argument("--out", default="build/ketamine-explained-handout.html")
    h.add_argument("--url", default="", help="address of the hosted dashboard, printed in the handout")
    h.set_defaults(func=handout)
    s = sub.add_parser("site", help="write the static mirror (HTML pages, plotly.js once, CSV, previews, sitemap)")
    s.add_argument("--out", default="build/site")
    s.add_argument("--app-url", default="", help="address of the live app: every page links to its counterpart")
    s.add_argument("--base-url", default="", help="address the mirror is served from (absolute sitemap and og:image)")
    s.add_argument("--no-images", action="store_true", help="skip the social preview images (no kaleido)")
    s.set_defaults(func=site)
    d = sub.add_parser("deck", help="write the slides as PowerPoint or PDF (speaker notes, sources, references)")
    d.add_argument("--format", choices=("pptx", "pdf"), default="pptx")
    d.add_argument("--deck", default="", help="the slides and views, as in /present?deck= "
                   "(e.g. 'onset:measure=remission,conditions:group=mood'); default: the whole deck")
    d.add_argument("--out", default="", help="file to write (default: build/ketamine-explained-deck.<format>)")
    d.add_argument("--app-url", default="", help="address of the live app: the title slide links to the deck there")
    d.set_defaults(func=deck)
    n = sub.add_parser("notebook-html", help="run the notebook and write an offline HTML copy (needs requirements-dev)")
    n.add_argument("--out", default="build/ketamine-explained-notebook.html")
    n.set_defaults(func=notebook_html)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
