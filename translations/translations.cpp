// This library only carries the compiled catalogues as resources; Qt links its
// resource objects into every program that links canceldesk_core.
namespace CancelDesk::I18n {
int translationsLibraryAnchor()
{
    return 0;
}
} // namespace CancelDesk::I18n
