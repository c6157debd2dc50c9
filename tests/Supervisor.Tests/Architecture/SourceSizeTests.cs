using Supervisor.Tests.Support;

namespace Supervisor.Tests.Architecture;

/// <summary>
/// A folder past 20 files is a room with several concerns, a file past 300 lines is a type with several jobs:
/// neither is found under src/.
/// </summary>
public sealed class SourceSizeTests
{
    public const int MaxFilesPerFolder = 20;
    public const int MaxLinesPerFile = 300;

    [Fact]
    public void NoFolderUnderSrcHoldsMoreThanTwentySourceFiles()
    {
        var crowded = SourceFile.All
            .GroupBy(f => Path.GetDirectoryName(f.RelativePath)!)
            .Where(folder => folder.Count() > MaxFilesPerFolder)
            .Select(folder => $"{folder.Key}: {folder.Count()} files")
            .ToList();

        Assert.True(crowded.Count == 0, $"Folders with more than {MaxFilesPerFolder} .cs files: {string.Join("; ", crowded)}");
    }

    [Fact]
    public void NoSourceFileUnderSrcIsLongerThanThreeHundredLines()
    {
        var tooLong = SourceFile.All
            .Select(f => (f.RelativePath, Lines: File.ReadLines(Repository.File(f.RelativePath)).Count()))
            .Where(f => f.Lines > MaxLinesPerFile)
            .Select(f => $"{f.RelativePath}: {f.Lines} lines")
            .ToList();

        Assert.True(tooLong.Count == 0, $"Files longer than {MaxLinesPerFile} lines: {string.Join("; ", tooLong)}");
    }
}
