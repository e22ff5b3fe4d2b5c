package dev.selfcode.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The {@code selfcode} command and its subcommands. */
// scope INHERIT: --help and --version work on every subcommand too (selfcode apply --help).
@Command(name = "selfcode", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "selfcode 0.1", description = "Writes code for a repository and keeps it only when the numbers say it helps.", subcommands = {
        ServeCommand.class, ApplyCommand.class, MeasureCommand.class,
        HistoryCommand.class, WorstCommand.class, ResetCommand.class,
        SweepCommand.class, RollbackCommand.class, ContextCommand.class, ShowCommand.class,
        DoctorCommand.class}, exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
                "0:kept (measure: measured)", "1:failure (measure: not measured)", "2:bad input", "3:reverted"})
public class SelfcodeCommand {
}
