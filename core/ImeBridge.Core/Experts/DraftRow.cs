namespace ImeBridge.Core.Experts;

/// <summary>One expert row of a file: its draft (null when it could not even be read) and the problems found reading it.</summary>
internal sealed record DraftRow(long Row, ExpertDraft? Draft, RowErrors Errors);
