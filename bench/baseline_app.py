"""The floor for Streamlit + Plotly: a title, one segmented control and one line chart of fixed data."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

DATA = pd.DataFrame({
    "week": [0, 1, 2, 4, 6, 8] * 2,
    "response": [0, 30, 38, 45, 50, 52, 0, 12, 20, 30, 36, 40],
    "remission": [0, 14, 20, 28, 32, 35, 0, 5, 9, 15, 19, 22],
    "arm": ["active"] * 6 + ["comparator"] * 6,
})

st.title("Baseline")
measure = st.segmented_control("Measure", ("response", "remission"), default="response") or "response"
fig = go.Figure([go.Scatter(x=g["week"], y=g[measure], name=arm, mode="lines+markers")
                 for arm, g in DATA.groupby("arm")])
fig.update_yaxes(title=f"Patients meeting {measure} (%)")
st.plotly_chart(fig, key="baseline")
