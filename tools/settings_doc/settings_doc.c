/* glint_settings_doc COMMAND: prints the command's options as docs/cli.md's
 * Markdown table, from the settings table. scripts/gen-cli-tables.sh puts
 * the tables into docs/cli.md; tests/structure/test_cli_tables.sh checks
 * that they are still what the table says. */
#include "settings/settings.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    static const settings_command commands[] = {SETTINGS_RENDER,    SETTINGS_VIEW,
                                                SETTINGS_INFO,      SETTINGS_TURNTABLE,
                                                SETTINGS_COMPARE,   SETTINGS_CHECK};
    if (argc != 2) {
        fprintf(stderr, "usage: glint_settings_doc COMMAND\n");
        return 2;
    }
    for (size_t c = 0; c < sizeof commands / sizeof *commands; ++c) {
        if (strcmp(settings_command_name(commands[c]), argv[1]) != 0)
            continue;
        static char table[65536];
        size_t needed = settings_markdown(commands[c], table, sizeof table);
        if (needed >= sizeof table) {
            fprintf(stderr, "glint_settings_doc: the table is over %zu bytes\n", sizeof table);
            return 1;
        }
        fputs(table, stdout);
        return 0;
    }
    fprintf(stderr, "glint_settings_doc: no command '%s'\n", argv[1]);
    return 2;
}
