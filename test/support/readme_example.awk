# Prints the code of the README example named by -v name=NAME: the fenced block that follows
# the line <!-- example: NAME -->.  Used by sql/90_readme_examples.sql.
$0 == "<!-- example: " name " -->" { found = 1; next }
found && /^```/ { if (inside) exit; inside = 1; next }
found && inside { print }
