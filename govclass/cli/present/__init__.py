"""How reports are shown (issue 25): the text summary, the HTML page with each finding on its PDF page,
the annotations written into a PDF, and the settings file that gives the options their defaults.  Not
commands: the command modules beside this package load these modules when a run needs them (the
package itself is empty, so building the parser costs nothing here)."""
