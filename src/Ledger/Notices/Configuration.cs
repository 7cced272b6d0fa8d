using Marten;

namespace Sanzi.Ledger.Notices;

public static class Configuration
{
    public static void AddNotices(this StoreOptions options) =>
        options.Events.AddEventTypes([typeof(NoticePublished), typeof(ObjectionRaised), typeof(ObjectionResolved), typeof(MembersConfirmed)]);
}
