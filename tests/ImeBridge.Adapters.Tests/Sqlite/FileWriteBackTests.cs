using ImeBridge.Adapters.Sqlite.Internal;

namespace ImeBridge.Adapters.Tests.Sqlite;

public sealed class FileWriteBackTests
{
    [Theory]
    [InlineData(0, 4096, new long[0])]
    [InlineData(4096, 4096, new long[] { 0, 4096 })]
    [InlineData(10_000, 4096, new long[] { 0, 4096, 4096, 4096, 8192, 1808 })]
    [InlineData(100, 64L * 1024 * 1024, new long[] { 0, 100 })]
    public void The_ranges_cover_the_whole_file_in_order_without_overlapping(long fileLength, long rangeBytes, long[] offsetsAndLengths)
    {
        var expected = offsetsAndLengths.Chunk(2).Select(pair => (pair[0], pair[1]));

        Assert.Equal(expected, FileWriteBack.Ranges(fileLength, rangeBytes));
    }

    [Fact]
    public void Writing_back_a_file_of_several_ranges_succeeds_and_leaves_its_content_as_written()
    {
        var path = Path.Combine(Path.GetTempPath(), "imebridge-writeback-" + Guid.NewGuid().ToString("N"));
        try
        {
            var content = new byte[3 * 4096 + 17];
            Random.Shared.NextBytes(content);
            using (var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite))
            {
                RandomAccess.Write(file, content, 0);
                FileWriteBack.InRanges(file, rangeBytes: 4096);
            }

            Assert.Equal(content, File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Writing_back_a_closed_file_fails_instead_of_passing_silently()
    {
        var path = Path.Combine(Path.GetTempPath(), "imebridge-writeback-" + Guid.NewGuid().ToString("N"));
        try
        {
            var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite);
            file.Dispose();

            Assert.Throws<ObjectDisposedException>(() => FileWriteBack.InRanges(file));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
