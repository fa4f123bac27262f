"""Sources: every reference, searchable, with how many rows each one backs."""

import streamlit as st

from explainer import charts, citations, describe, export, state, ui

t = ui.require("sources")
pkg = ui.package()
backed = ui.derived(("rows-backed",), lambda: charts.rows_backed(dict(pkg.tables)))
takeaway = ui.derived(("sources-takeaway",), lambda: describe.sources_takeaway(t["sources"], backed))
ui.header("Where does every number come from?", takeaway)

KINDS = list(pkg.schema_field("sources", "kind")["constraints"]["enum"])
by_kind = ui.derived(("by-kind",), lambda: t["sources"]["kind"].value_counts().rename_axis("kind").reset_index(name="n"))
ui.chart(ui.figure(("sources",), lambda: charts.sources_by_kind(t["sources"], KINDS)),
         ui.derived(("sources-alt",), lambda: describe.alt_counts("Bar chart of sources by kind", by_kind, "kind", "n")),
         key="kinds", name="sources")

query = st.text_input("Search references", value=state.text("q"), key="sources-q",
                      placeholder="author, title, year, DOI…", max_chars=state.MAX_VALUE_LENGTH)
state.write("q", query, "")
listing = ui.derived(("sources-listing",), lambda: citations.with_cites(t["sources"]).assign(
    rows_backed=lambda d: d["source_id"].map(backed).fillna(0).astype(int)))
table = citations.search(listing, query)
st.caption(f"{len(table)} of {len(t['sources'])} references.")
st.dataframe(table[["cite", "title", "venue", "year", "kind", "rows_backed", "link"]], hide_index=True, width="stretch",
             column_config={"link": st.column_config.LinkColumn("link"), "year": st.column_config.NumberColumn(format="%d"),
                            "rows_backed": st.column_config.NumberColumn("rows backed")})
# Built once per data version and sent as files (no generation on click): the same bytes for every visitor.
bib = ui.derived(("bibtex",), lambda: export.bibtex(t["sources"]).encode("utf-8"))
ris = ui.derived(("ris",), lambda: export.ris(t["sources"]).encode("utf-8"))
refs_csv = ui.derived(("sources-csv",), lambda: t["sources"].to_csv(index=False).encode("utf-8"))
package_zip = ui.derived(("data-zip",), lambda: export.data_zip(pkg.data_dir))
cols = st.columns(4)
cols[0].download_button("BibTeX", bib, file_name="ketamine-explained.bib",
                        mime="application/x-bibtex", icon=":material/download:", key="dl-bib")
cols[1].download_button("RIS", ris, file_name="ketamine-explained.ris",
                        mime="application/x-research-info-systems", icon=":material/download:", key="dl-ris")
cols[2].download_button("References (CSV)", refs_csv,
                        file_name="ketamine-explained-sources.csv", mime="text/csv", icon=":material/download:",
                        key="dl-sources-csv")
cols[3].download_button("Data package (ZIP)", package_zip, file_name="ketamine-explained-data.zip",
                        mime="application/zip", icon=":material/download:", key="dl-zip")
st.caption("Source: data/sources.csv, every work cited by any table; links go to the DOI, PubMed or the official page.")
ui.data_expander(table.drop(columns=["cite", "link"]), "sources", label="All fields")
ui.disclaimer()
