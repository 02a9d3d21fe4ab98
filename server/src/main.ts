// The language server entry point (issue 4). Until then it says so rather than pretending.
process.stderr.write('group-records-language-server: not implemented yet\n');
process.exitCode = 1;
