"""Browser tests: the running dashboard in headless Chromium (Playwright)."""
