"""Sources: every reference, searchable, with how many rows each one backs."""

import streamlit as st

from explainer import citations, export, notebook, registry, slides, ui

t = ui.start("sources")
PAGE = registry.page("sources")
CHART = registry.chart("sources")
ui.header(PAGE.question, registry.takeaway(CHART))
ui.show(CHART, key="kinds", cite=False, expander=False)

query = ui.controls(*PAGE.filters)["q"]
listing = ui.computed(export.reference_listing)
table = citations.search(listing, query)
st.caption(f"{len(table)} of {len(t['sources'])} references.")
st.dataframe(table[["cite", "title", "venue", "year", "kind", "rows_backed", "link"]], hide_index=True, width="stretch",
             column_config={"link": st.column_config.LinkColumn("link"),
                            "year": st.column_config.NumberColumn(format="%d"),
                            "rows_backed": st.column_config.NumberColumn("rows backed")})
# Built once per data version and sent as files (no generation on click): the same bytes for every visitor.
files = ui.computed(export.reference_files)
cols = st.columns(4)
cols[0].download_button("BibTeX", files["bib"], file_name="ketamine-explained.bib",
                        mime="application/x-bibtex", icon=":material/download:", key="dl-bib")
cols[1].download_button("RIS", files["ris"], file_name="ketamine-explained.ris",
                        mime="application/x-research-info-systems", icon=":material/download:", key="dl-ris")
cols[2].download_button("References (CSV)", files["csv"],
                        file_name="ketamine-explained-sources.csv", mime="text/csv", icon=":material/download:",
                        key="dl-sources-csv")
cols[3].download_button("Data package (ZIP)", ui.of_package(export.package_zip),
                        file_name="ketamine-explained-data.zip", mime="application/zip", icon=":material/download:",
                        key="dl-zip")
st.caption("The slides of the Present page, with speaker notes and these references (each built when clicked):")
slides.deck_downloads((), key="sources-deck")
ui.data_expander(table.drop(columns=["cite", "link"]), "sources", label="All fields")

ui.section(PAGE, "python")
link = notebook.repository_link()
name = f"[`{notebook.NOTEBOOK_PATH}`]({link})" if link else f"`{notebook.NOTEBOOK_PATH}`"
st.markdown(f"The data notebook {name} in the repository loads this data package in Python, shows what each "
            "table holds, rebuilds every chart of these pages with the same code, and adds two analyses: how the "
            "evidence accumulated over the years, and how much a headline figure moves under another inclusion "
            "rule. Open it with `make notebook`, or read its offline HTML copy from `make notebook-html`.")
st.download_button("Notebook (.ipynb)", export.notebook_file(), file_name="ketamine-explained.ipynb",
                   mime="application/x-ipynb+json", icon=":material/download:", key="dl-notebook")
ui.disclaimer()
