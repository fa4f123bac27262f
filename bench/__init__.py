"""Benchmark against a one-chart Streamlit + Plotly baseline: see README.md."""
