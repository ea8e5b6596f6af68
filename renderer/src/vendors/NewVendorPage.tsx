import { navigate } from '../app/router';
import { VendorEditor } from './VendorEditor';

/** `#/vendors/new`: the blank form; after the first save the address becomes the new record's. */
export function NewVendorPage() {
  return (
    <VendorEditor
      detail={null}
      onSaved={(vendor) => void navigate(`/vendors/${vendor.id}`, { replace: true })}
    />
  );
}
