"""Sources: every reference, searchable, with how many rows each one backs."""

import streamlit as st

from explainer import charts, citations, describe, export, state, ui

t = ui.require("sources")
pkg = ui.package()
backed = charts.rows_backed({n: df for n, df in pkg.tables.items()})
ui.header("Where does every number come from?", describe.sources_takeaway(t["sources"], backed))

KINDS = list(pkg.schema_field("sources", "kind")["constraints"]["enum"])
ui.chart(ui.figure(("sources",), lambda: charts.sources_by_kind(t["sources"], KINDS)),
         describe.alt_counts("Bar chart of sources by kind", t["sources"]["kind"].value_counts().rename_axis("kind")
                             .reset_index(name="n"), "kind", "n"), key="kinds", name="sources")

query = st.text_input("Search references", value=state.text("q"), key="sources-q",
                      placeholder="author, title, year, DOI…", max_chars=state.MAX_VALUE_LENGTH)
state.write("q", query, "")
table = citations.with_cites(t["sources"]).copy()
table["rows_backed"] = table["source_id"].map(backed).fillna(0).astype(int)
table = citations.search(table, query)
st.caption(f"{len(table)} of {len(t['sources'])} references.")
st.dataframe(table[["cite", "title", "venue", "year", "kind", "rows_backed", "link"]], hide_index=True, width="stretch",
             column_config={"link": st.column_config.LinkColumn("link"), "year": st.column_config.NumberColumn(format="%d"),
                            "rows_backed": st.column_config.NumberColumn("rows backed")})
cols = st.columns(4)
cols[0].download_button("BibTeX", lambda: export.bibtex(t["sources"]).encode("utf-8"), file_name="ketamine-explained.bib",
                        mime="application/x-bibtex", icon=":material/download:", key="dl-bib")
cols[1].download_button("RIS", lambda: export.ris(t["sources"]).encode("utf-8"), file_name="ketamine-explained.ris",
                        mime="application/x-research-info-systems", icon=":material/download:", key="dl-ris")
cols[2].download_button("References (CSV)", t["sources"].to_csv(index=False).encode("utf-8"),
                        file_name="ketamine-explained-sources.csv", mime="text/csv", icon=":material/download:",
                        key="dl-sources-csv")
cols[3].download_button("Data package (ZIP)", lambda: export.data_zip(pkg.data_dir), file_name="ketamine-explained-data.zip",
                        mime="application/zip", icon=":material/download:", key="dl-zip")
st.caption("Source: data/sources.csv, every work cited by any table; links go to the DOI, PubMed or the official page.")
ui.data_expander(table.drop(columns=["cite", "link"]), "sources", label="All fields")
ui.disclaimer()
