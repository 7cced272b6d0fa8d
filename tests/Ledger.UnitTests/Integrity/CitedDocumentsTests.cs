using System.Text;
using Sanzi.Integrity.Files;
using Shouldly;

namespace Sanzi.UnitTests.Integrity;

/// <summary>
/// Verify finds the documents events cite in the bodies its scan reads (jsonb's text of each event), as the query it
/// replaces did: the stamp's <c>documents</c> array, each digest with the first event citing it, in the digests' order.
/// </summary>
public class CitedDocumentsTests
{
    [Fact]
    public void The_stamps_documents_are_found_with_the_first_event_citing_each()
    {
        var first = new CitedDocuments();
        var second = new CitedDocuments();
        first.Scan(7, Body("""{"amount": 10, "stamp": {"actor": "张敏", "documents": ["bb", "aa"]}}"""));
        second.Scan(3, Body("""{"stamp": {"actor": "李华", "documents": ["bb"]}}"""));
        second.Scan(9, Body("""{"stamp": {"documents": ["cc"]}}"""));

        CitedDocuments.Merge([first, second]).ShouldBe([("aa", 7L), ("bb", 3L), ("cc", 9L)]);
    }

    [Fact]
    public void Documents_anywhere_but_the_stamp_and_stamps_without_an_array_cite_nothing()
    {
        var cited = new CitedDocuments();
        cited.Scan(1, Body("""{"note": "documents", "documents": ["aa"], "stamp": {"actor": "张敏"}}"""));
        cited.Scan(2, Body("""{"stamp": {"documents": null}}"""));
        cited.Scan(3, Body("""{"stamp": {"documents": "aa"}}"""));
        cited.Scan(4, Body("""{"items": [{"stamp": {"documents": ["aa"]}}]}"""));

        CitedDocuments.Merge([cited]).ShouldBeEmpty();
    }

    private static byte[] Body(string json) => Encoding.UTF8.GetBytes(json);
}
